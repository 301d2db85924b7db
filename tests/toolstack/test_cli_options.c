/*
 * test_cli_options.c - the lamina CLI's command lookup, option parser and help
 * (toolstack/cli/options.c), over a verb of our own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#include "capture.h"
#include "unit.h"

enum { OPT_FORCE, OPT_JSON, OPT_COUNT, OPT_NAME };

static const struct cli_option options[] = {
	[OPT_FORCE] = { "force", 'f', NULL, "do it anyway" },
	[OPT_JSON] = { "json", 'j', NULL, "JSON output" },
	[OPT_COUNT] = { "count", 'n', "N", "how many" },
	[OPT_NAME] = { "name", 0, "NAME", "a name" },
	{ NULL },
};

static const struct cli_command verb = {
	.name = "frob",
	.summary = "Frobnicate a domain",
	.usage = "<Domain> [more]",
	.description = "Frobs things.",
	.options = options,
	.min_args = 1,
	.max_args = 2,
};

static const struct cli_command bare = {
	.name = "bare", .summary = "No options", .usage = "", .max_args = 0
};

static const struct cli_command *const table[] = { &verb, &bare, NULL };

static struct cli_args args;
static char err[128];

/* Parse the words of @line (split at spaces; fine for these tests). */
static int parse(const struct cli_command *cmd, const char *line)
{
	static char copy[256];
	static char *words[32];
	int n = 0;

	snprintf(copy, sizeof(copy), "%s", line);
	for (char *w = strtok(copy, " "); w; w = strtok(NULL, " "))
		words[n++] = w;
	return cli_parse(cmd, n, words, &args, err, sizeof(err));
}

START_TEST(lookup)
{
	ck_assert_ptr_eq(cli_command_lookup(table, "frob"), &verb);
	ck_assert_ptr_eq(cli_command_lookup(table, "bare"), &bare);
	ck_assert_ptr_null(cli_command_lookup(table, "fro"));
	ck_assert_ptr_null(cli_command_lookup(table, ""));
}
END_TEST

START_TEST(positional_and_flags_anywhere)
{
	ck_assert_int_eq(parse(&verb, "-f web --json extra"), CLI_PARSE_OK);
	ck_assert(args.set[OPT_FORCE] && args.set[OPT_JSON]);
	ck_assert(!args.set[OPT_COUNT] && !args.set[OPT_NAME]);
	ck_assert_uint_eq(args.argc, 2);
	ck_assert_str_eq(args.argv[0], "web");
	ck_assert_str_eq(args.argv[1], "extra");
}
END_TEST

START_TEST(option_arguments)
{
	ck_assert_int_eq(parse(&verb, "--count=3 web"), CLI_PARSE_OK);
	ck_assert_str_eq(args.value[OPT_COUNT], "3");
	ck_assert_int_eq(parse(&verb, "--count 4 web"), CLI_PARSE_OK);
	ck_assert_str_eq(args.value[OPT_COUNT], "4");
	ck_assert_int_eq(parse(&verb, "-n5 web"), CLI_PARSE_OK);
	ck_assert_str_eq(args.value[OPT_COUNT], "5");
	ck_assert_int_eq(parse(&verb, "-fn 6 web"), CLI_PARSE_OK);
	ck_assert(args.set[OPT_FORCE]);
	ck_assert_str_eq(args.value[OPT_COUNT], "6");
	ck_assert_int_eq(parse(&verb, "web --name=a=b"), CLI_PARSE_OK);
	ck_assert_str_eq(args.value[OPT_NAME], "a=b");
	ck_assert_uint_eq(args.argc, 1);
}
END_TEST

START_TEST(bundled_flags)
{
	ck_assert_int_eq(parse(&verb, "-jf web"), CLI_PARSE_OK);
	ck_assert(args.set[OPT_FORCE] && args.set[OPT_JSON]);
}
END_TEST

START_TEST(double_dash_ends_options)
{
	ck_assert_int_eq(parse(&verb, "-- -f -"), CLI_PARSE_OK);
	ck_assert(!args.set[OPT_FORCE]);
	ck_assert_uint_eq(args.argc, 2);
	ck_assert_str_eq(args.argv[0], "-f");
	ck_assert_str_eq(args.argv[1], "-"); /* a lone dash is an argument */
}
END_TEST

START_TEST(help_requests)
{
	ck_assert_int_eq(parse(&verb, "--help"), CLI_PARSE_HELP);
	ck_assert_int_eq(parse(&verb, "web -h"), CLI_PARSE_HELP);
	ck_assert_int_eq(parse(&bare, "-h"), CLI_PARSE_HELP);
}
END_TEST

START_TEST(errors)
{
	ck_assert_int_eq(parse(&verb, "--bogus web"), CLI_PARSE_ERROR);
	ck_assert_str_eq(err, "unknown option '--bogus'");
	ck_assert_int_eq(parse(&verb, "-x web"), CLI_PARSE_ERROR);
	ck_assert_str_eq(err, "unknown option '-x'");
	ck_assert_int_eq(parse(&verb, "web --count"), CLI_PARSE_ERROR);
	ck_assert_str_eq(err, "option '--count' needs an argument");
	ck_assert_int_eq(parse(&verb, "web --force=yes"), CLI_PARSE_ERROR);
	ck_assert_str_eq(err, "option '--force' takes no argument");
	ck_assert_int_eq(parse(&verb, "-f"), CLI_PARSE_ERROR);
	ck_assert_str_eq(err, "missing argument");
	ck_assert_int_eq(parse(&verb, "a b c"), CLI_PARSE_ERROR);
	ck_assert_str_eq(err, "unexpected argument 'c'");
	ck_assert_int_eq(parse(&bare, "x"), CLI_PARSE_ERROR);
	ck_assert_str_eq(err, "unexpected argument 'x'");
}
END_TEST

START_TEST(too_many_arguments)
{
	static const struct cli_command any = { .name = "any", .max_args = 1000 };
	char *words[CLI_MAX_ARGS + 1];

	for (int i = 0; i <= CLI_MAX_ARGS; i++)
		words[i] = "d";
	ck_assert_int_eq(cli_parse(&any, CLI_MAX_ARGS, words, &args, err, sizeof(err)),
			 CLI_PARSE_OK);
	ck_assert_int_eq(cli_parse(&any, CLI_MAX_ARGS + 1, words, &args, err, sizeof(err)),
			 CLI_PARSE_ERROR);
}
END_TEST

START_TEST(help_text)
{
	struct capture cap;
	const char *text;

	cli_print_help(capture_begin(&cap), &verb);
	text = capture_end(&cap);
	ck_assert_ptr_nonnull(strstr(text, "Usage: lamina frob [options] <Domain> [more]\n"));
	ck_assert_ptr_nonnull(strstr(text, "Frobnicate a domain\n"));
	ck_assert_ptr_nonnull(strstr(text, "Frobs things.\n"));
	ck_assert_ptr_nonnull(strstr(text, "  -f, --force              do it anyway\n"));
	ck_assert_ptr_nonnull(strstr(text, "  -n, --count=N            how many\n"));
	ck_assert_ptr_nonnull(strstr(text, "      --name=NAME          a name\n"));
	ck_assert_ptr_nonnull(strstr(text, "  -h, --help               print this help\n"));
	capture_free(&cap);

	cli_print_usage(capture_begin(&cap), &bare);
	ck_assert_str_eq(capture_end(&cap), "Usage: lamina bare\n");
	capture_free(&cap);
}
END_TEST

START_TEST(command_list)
{
	struct capture cap;
	const char *text;

	cli_print_commands(capture_begin(&cap), table);
	text = capture_end(&cap);
	ck_assert_ptr_nonnull(strstr(text, "  frob           Frobnicate a domain\n"));
	ck_assert_ptr_nonnull(strstr(text, "  bare           No options\n"));
	capture_free(&cap);
}
END_TEST

Suite *cli_options_suite(void)
{
	Suite *s = suite_create("cli_options");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, lookup);
	tcase_add_test(tc, positional_and_flags_anywhere);
	tcase_add_test(tc, option_arguments);
	tcase_add_test(tc, bundled_flags);
	tcase_add_test(tc, double_dash_ends_options);
	tcase_add_test(tc, help_requests);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, too_many_arguments);
	tcase_add_test(tc, help_text);
	tcase_add_test(tc, command_list);
	suite_add_tcase(s, tc);
	return s;
}
