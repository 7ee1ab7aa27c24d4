#define _GNU_SOURCE  // dl_iterate_phdr
#include "kd_build.h"

#include <string.h>
#if defined(__linux__)
#include <link.h>

struct search {
    unsigned char *out;
    int capacity;
    int length;
};

/// Looks through the notes of the first object `dl_iterate_phdr` lists, the program itself, for its GNU
/// build ID, and stops there.
static int build_id_in_program(struct dl_phdr_info *info, size_t size, void *data) {
    struct search *search = data;
    (void)size;
    for (int index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[index];
        if (segment->p_type != PT_NOTE) continue;
        const size_t align = segment->p_align == 8 ? 8 : 4;
        const char *note = (const char *)(info->dlpi_addr + segment->p_vaddr);
        const char *end = note + segment->p_memsz;
        while (note + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *header = (const ElfW(Nhdr) *)note;
            const char *name = note + sizeof(ElfW(Nhdr));
            const char *description = name + ((header->n_namesz + align - 1) & ~(align - 1));
            if (description + header->n_descsz > end) break;
            if (header->n_type == NT_GNU_BUILD_ID && header->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
                int length = (int)header->n_descsz < search->capacity ? (int)header->n_descsz : search->capacity;
                memcpy(search->out, description, (size_t)length);
                search->length = length;
                return 1;
            }
            note = description + ((header->n_descsz + align - 1) & ~(align - 1));
        }
    }
    return 1;
}
#endif

int kd_program_build_id(unsigned char *out, int capacity) {
#if defined(__linux__)
    struct search search = {out, capacity, 0};
    dl_iterate_phdr(build_id_in_program, &search);
    return search.length;
#else
    (void)out;
    (void)capacity;
    return 0;
#endif
}
