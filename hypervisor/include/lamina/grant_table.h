/* lamina/grant_table.h - grant tables (common/grant_table.c), as the rest of the hypervisor uses them. */
#ifndef LAMINA_GRANT_TABLE_H
#define LAMINA_GRANT_TABLE_H

#include <lamina/domain.h>

/*
 * gnttab_release_mappings - d is dying: drop the pins of every grant it
 * maps (its host mappings go with its page tables).
 */
void gnttab_release_mappings(struct domain *d);

/* gnttab_destroy - free a dying domain's grant table and its shared frames. */
void gnttab_destroy(struct domain *d);

#endif /* LAMINA_GRANT_TABLE_H */
