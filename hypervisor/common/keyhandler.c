/*
 * keyhandler.c - the debug keys (lamina/keyhandler.h): a table of handlers by key.
 */
#include <lamina/console.h>
#include <lamina/grant_table.h>
#include <lamina/keyhandler.h>
#include <lamina/lib.h>

struct keyhandler {
	char key;
	void (*fn)(void);
	const char *what;
};

static void show_handlers(void);

static const struct keyhandler handlers[] = {
	{'g', gnttab_dump_all, "print the grant tables"},
	{'h', show_handlers, "list the debug keys"},
};

static void show_handlers(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(handlers); i++)
		printk(" key '%c': %s\n", handlers[i].key, handlers[i].what);
}

void handle_keypress(char key)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(handlers); i++) {
		if (handlers[i].key == key) {
			printk("'%c' pressed -> %s\n", key, handlers[i].what);
			handlers[i].fn();
			return;
		}
	}
}
