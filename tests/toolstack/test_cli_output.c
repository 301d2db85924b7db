/*
 * test_cli_output.c - the CLI's text tables and JSON writer (toolstack/cli/output.c).
 */
#include <string.h>

#include "cli/cli.h"

#include "capture.h"
#include "unit.h"

static const struct cli_column cols[] = {
	{ "Name", 6, true },
	{ "ID", 3, false },
	{ "Note", 0, true },
};

START_TEST(table_aligns)
{
	struct capture cap;
	FILE *f = capture_begin(&cap);
	const char *row[] = { "dom", "12", "x" }, *wide[] = { "a-long-name", "1234", "" };

	cli_table_header(f, cols, 3);
	cli_table_row(f, cols, 3, row);
	cli_table_row(f, cols, 3, wide);
	ck_assert_str_eq(capture_end(&cap), "Name    ID Note\n"
					    "dom     12 x\n"
					    "a-long-name 1234 \n");
	capture_free(&cap);
}
END_TEST

START_TEST(json_document)
{
	struct capture cap;
	struct cli_json j;

	cli_json_init(&j, capture_begin(&cap));
	cli_json_begin_array(&j, NULL);
	cli_json_begin_object(&j, NULL);
	cli_json_uint(&j, "domid", 0);
	cli_json_string(&j, "name", "Domain-0");
	cli_json_string(&j, "none", NULL);
	cli_json_bool(&j, "paused", false);
	cli_json_number(&j, "t", "1.5");
	cli_json_begin_array(&j, "empty");
	cli_json_end_array(&j);
	cli_json_end_object(&j);
	cli_json_begin_object(&j, NULL);
	cli_json_uint(&j, "domid", 18446744073709551615ULL);
	cli_json_end_object(&j);
	cli_json_end_array(&j);
	cli_json_finish(&j);
	ck_assert_str_eq(capture_end(&cap), "[\n"
					    "    {\n"
					    "        \"domid\": 0,\n"
					    "        \"name\": \"Domain-0\",\n"
					    "        \"none\": null,\n"
					    "        \"paused\": false,\n"
					    "        \"t\": 1.5,\n"
					    "        \"empty\": []\n"
					    "    },\n"
					    "    {\n"
					    "        \"domid\": 18446744073709551615\n"
					    "    }\n"
					    "]\n");
	capture_free(&cap);
}
END_TEST

START_TEST(json_escapes)
{
	struct capture cap;
	struct cli_json j;

	cli_json_init(&j, capture_begin(&cap));
	cli_json_begin_object(&j, NULL);
	cli_json_string(&j, "k\"ey", "a\"b\\c\nd\te\x01");
	cli_json_end_object(&j);
	cli_json_finish(&j);
	ck_assert_str_eq(capture_end(&cap),
			 "{\n    \"k\\\"ey\": \"a\\\"b\\\\c\\nd\\te\\u0001\"\n}\n");
	capture_free(&cap);
}
END_TEST

START_TEST(json_empty_array)
{
	struct capture cap;
	struct cli_json j;

	cli_json_init(&j, capture_begin(&cap));
	cli_json_begin_array(&j, NULL);
	cli_json_end_array(&j);
	cli_json_finish(&j);
	ck_assert_str_eq(capture_end(&cap), "[]\n");
	capture_free(&cap);
}
END_TEST

Suite *cli_output_suite(void)
{
	Suite *s = suite_create("cli_output");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, table_aligns);
	tcase_add_test(tc, json_document);
	tcase_add_test(tc, json_escapes);
	tcase_add_test(tc, json_empty_array);
	suite_add_tcase(s, tc);
	return s;
}
