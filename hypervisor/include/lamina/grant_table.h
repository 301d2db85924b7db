/* lamina/grant_table.h - grant tables (common/grant_table.c), as the rest of the hypervisor uses them. */
#ifndef LAMINA_GRANT_TABLE_H
#define LAMINA_GRANT_TABLE_H

#include <lamina/domain.h>

/*
 * gnttab_release_mappings - d is dying: drop the pins of every grant it
 * maps (its host mappings go with its page tables).
 */
void gnttab_release_mappings(struct domain *d);

/*
 * gnttab_resource_max_frames - XENMEM_acquire_resource's size of a grant
 * table resource: GRANT_MAX_FRAMES for the shared frames, 0 for any other
 * id (version 1 has no status frames).
 */
unsigned int gnttab_resource_max_frames(unsigned int id);

/*
 * gnttab_acquire_frames - the MFNs of d's shared grant frames
 * [frame, frame + nr), growing the table as needed. Returns nr, -EINVAL for
 * another id, nr 0 or frames beyond the maximum, -ENOMEM.
 */
int gnttab_acquire_frames(struct domain *d, unsigned int id, unsigned int frame,
			  unsigned int nr, xen_pfn_t *mfns);

/*
 * gnttab_dump_all - debug key 'g': print every domain's grant table size and its active
 * (pinned) entries, one line each: "[0xREF] mapper mfn pin grantee gfn flags" (the fields
 * of Xen's own dump).
 */
void gnttab_dump_all(void);

/* gnttab_destroy - free a dying domain's grant table and its shared frames. */
void gnttab_destroy(struct domain *d);

#endif /* LAMINA_GRANT_TABLE_H */
