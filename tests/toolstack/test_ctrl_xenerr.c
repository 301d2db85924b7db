/*
 * test_ctrl_xenerr.c - Xen's error names and the hints of libctrl/xenerr.c.
 */
#include <errno.h>
#include <string.h>

#include "libctrl/xenerr.h"

#include "unit.h"

START_TEST(errno_names)
{
	ck_assert_str_eq(ctrl_xen_errno_name(ESRCH), "ESRCH");
	ck_assert_str_eq(ctrl_xen_errno_name(ENOSYS), "ENOSYS");
	ck_assert_str_eq(ctrl_xen_errno_name(EOPNOTSUPP), "EOPNOTSUPP");
	ck_assert_str_eq(ctrl_xen_errno_name(ERESTART), "ERESTART");
	ck_assert_str_eq(ctrl_xen_errno_name(ECONNREFUSED), "ECONNREFUSED");
	ck_assert_ptr_null(ctrl_xen_errno_name(0));
	ck_assert_ptr_null(ctrl_xen_errno_name(-1));
	ck_assert_ptr_null(ctrl_xen_errno_name(15));  /* ENOTBLK: not one of Xen's */
	ck_assert_ptr_null(ctrl_xen_errno_name(4000));
}
END_TEST

START_TEST(hints_by_call)
{
	ck_assert_str_eq(ctrl_error_hint(CTRL_CALL_OPEN_PRIVCMD, ENOENT),
			 "is this dom0 with xen-privcmd loaded?");
	ck_assert_str_eq(ctrl_error_hint(CTRL_CALL_DOMCTL, ESRCH), "no such domain");
	ck_assert_str_eq(ctrl_error_hint(CTRL_CALL_DOMCTL, EACCES),
			 "the hypervisor speaks another domctl interface version");
	/* Errors with one meaning for every call. */
	ck_assert_str_eq(ctrl_error_hint(CTRL_CALL_SYSCTL, ENOSYS),
			 "not implemented by this hypervisor");
	ck_assert_str_eq(ctrl_error_hint(CTRL_CALL_DOMCTL, ENOSYS),
			 "not implemented by this hypervisor");
	ck_assert_ptr_null(ctrl_error_hint(CTRL_CALL_DOMCTL, EINVAL));
	ck_assert_ptr_null(ctrl_error_hint(CTRL_CALL_SYSCTL, ESRCH));
}
END_TEST

START_TEST(describe)
{
	char buf[200];

	ctrl_describe_error(buf, sizeof(buf), CTRL_CALL_OPEN_PRIVCMD, ENOENT);
	ck_assert_str_eq(buf, "No such file or directory (is this dom0 with xen-privcmd loaded?)");
	ctrl_describe_error(buf, sizeof(buf), CTRL_CALL_DOMCTL, ESRCH);
	ck_assert_str_eq(buf, "No such process (ESRCH: no such domain)");
	ctrl_describe_error(buf, sizeof(buf), CTRL_CALL_DOMCTL, EINVAL);
	ck_assert_str_eq(buf, "Invalid argument (EINVAL)");
	ctrl_describe_error(buf, sizeof(buf), CTRL_CALL_OPEN_DEVICE, EBUSY);
	ck_assert_str_eq(buf, "Device or resource busy");
}
END_TEST

START_TEST(batch_errors)
{
	int none[3] = { 0, 0, 0 }, some[4] = { 0, -22, 0, -2 };
	unsigned int first = 99;

	ck_assert_uint_eq(ctrl_batch_errors(none, 3, &first), 0);
	ck_assert_uint_eq(first, 3);
	ck_assert_uint_eq(ctrl_batch_errors(some, 4, &first), 2);
	ck_assert_uint_eq(first, 1);
	ck_assert_uint_eq(ctrl_batch_errors(some, 4, NULL), 2);
}
END_TEST

Suite *ctrl_xenerr_suite(void)
{
	Suite *s = suite_create("ctrl_xenerr");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, errno_names);
	tcase_add_test(tc, hints_by_call);
	tcase_add_test(tc, describe);
	tcase_add_test(tc, batch_errors);
	suite_add_tcase(s, tc);
	return s;
}
