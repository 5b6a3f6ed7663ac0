//! The server's allocator, and keeping the process's resident memory near
//! what it uses.
//!
//! The server binary allocates with [`Allocator`]: blocks under 256 KiB from
//! mimalloc, larger ones from the system's allocator. mimalloc gives each
//! thread its own heap, without the locks and consolidation passes that
//! made allocating and freeing with glibc's `malloc` about a quarter of a
//! respondent page's processor time (a profile of `scripts/bench.sh
//! pages`). But it keeps what it freed for a while, in arenas the kernel
//! backs with 2 MiB pages where transparent huge pages are on: a sign-in
//! attack (19 MiB password checks) and a flood of large bodies then left
//! the server above 100 MB. So large blocks, few and short-lived, go to the
//! system's allocator, which maps each on its own and unmaps it when freed
//! (see below), and [`tune`] turns transparent huge pages off for the
//! process. [`release`] asks both allocators to give back what they freed.
//!
//! SQLite allocates through glibc's `malloc` all the same, and the test
//! harness runs the server in a binary of its own, with glibc's allocator.
//!
//! Two habits of glibc's `malloc` let a burst of large requests (a
//! sign-in's 19 MiB password check, 256 KB form bodies, a 2 MB upload, a
//! page) leave the process tens of megabytes larger for good, although
//! nothing holds that memory any more:
//!
//! - **A moving mmap threshold.** Blocks above 128 KiB are mapped on their
//!   own and unmapped when freed, but freeing one raises the threshold to
//!   its size (up to 32 MiB): after the first password check, every block
//!   under 19 MiB comes from the heap arenas instead, and what is freed
//!   there mostly stays mapped. [`tune`] fixes the threshold at 128 KiB.
//! - **Arenas per thread.** Each thread that allocates may get its own
//!   arena (up to eight per core), each keeping its own free memory.
//!   [`tune`] allows two.
//!
//! And freed memory inside an arena is only given back from its top;
//! [`release`] (run every few seconds by the server) hands every free
//! page of every arena back to the system.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks of this size and more come from the system's allocator: request
/// bodies of a form's size, password checks' work areas; pages and what
/// makes them stay below.
pub const LARGE: usize = 256 << 10;

/// mimalloc's option `purge_delay` (its index in `mi_option_t`, the same in
/// mimalloc 2 and 3; `libmimalloc-sys` names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// The server binary's global allocator: mimalloc below [`LARGE`], the
/// system's allocator from there. A block is freed (and resized) by the one
/// that gave it: the layout passed back is the one it was allocated with.
pub struct Allocator;

impl Allocator {
    fn of(size: usize) -> &'static dyn GlobalAlloc {
        if size >= LARGE {
            &System
        } else {
            &mimalloc::MiMalloc
        }
    }
}

// SAFETY: each call goes to the allocator that [`Allocator::of`] picks from
// the block's size, which is the same for a block's allocation and its
// release; a resize across the threshold allocates from the other one,
// copies and frees, as `GlobalAlloc::realloc`'s default does.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's guarantees, passed on.
        unsafe { Self::of(layout.size()).alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        unsafe { Self::of(layout.size()).alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from the allocator picked for this layout.
        unsafe { Self::of(layout.size()).dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let (from, to) = (layout.size() >= LARGE, new_size >= LARGE);
        if from == to {
            // SAFETY: the same allocator gave `ptr`.
            return unsafe { Self::of(new_size).realloc(ptr, layout, new_size) };
        }
        // SAFETY: `new_size` is non-zero and, rounded to the alignment, does
        // not overflow (the caller's guarantees for realloc).
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: a fresh block from the other allocator; the copy stays
        // within both blocks; the old block is freed by its own allocator.
        unsafe {
            let new = Self::of(new_size).alloc(new_layout);
            if !new.is_null() {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                Self::of(layout.size()).dealloc(ptr, layout);
            }
            new
        }
    }
}

/// Sets the allocators' habits for a long-running server. Call once, at
/// the start of the process, before other threads run.
pub fn tune() {
    purge_at_once();
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE only sets a flag of this
    // process; the unused arguments must be zero.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's parameters; called before
    // other threads exist.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// mimalloc gives freed memory back at once instead of after a second (a
/// flood of large posts otherwise peaked above 100 MB).
fn purge_at_once() {
    // SAFETY: sets one of mimalloc's options, which it reads as it purges.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}

/// Gives the free pages of every arena back to the system, and what
/// mimalloc holds freed.
pub fn release() {
    // SAFETY: mi_collect may be called from any thread at any time.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim is thread-safe (it takes each arena's lock).
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option index is purge_delay's: mimalloc 3's default is 1000 ms
    /// (an index off by one would read another option's default).
    #[test]
    fn the_purge_delay_is_the_option_set() {
        // SAFETY: reading an option; only this test sets it.
        let before = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(before, 1000, "purge_delay's default");
        purge_at_once();
        // SAFETY: as above.
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
            0
        );
    }

    /// A block resized across [`LARGE`] and back keeps its bytes, and each
    /// allocator frees only what it gave (a mismatch would abort).
    #[test]
    fn blocks_keep_their_bytes_across_the_threshold() {
        let a = Allocator;
        let small = Layout::from_size_align(1000, 16).unwrap();
        let large = Layout::from_size_align(LARGE + 10, 16).unwrap();
        // SAFETY: layouts of non-zero size; each block is used within its
        // size and freed once with the layout it has.
        unsafe {
            let p = a.alloc(small);
            assert!(!p.is_null());
            for i in 0..1000 {
                *p.add(i) = i as u8;
            }
            let p = a.realloc(p, small, large.size());
            assert!(!p.is_null());
            assert!((0..1000).all(|i| *p.add(i) == i as u8));
            let p = a.realloc(p, large, 500);
            assert!(!p.is_null());
            assert!((0..500).all(|i| *p.add(i) == i as u8));
            a.dealloc(p, Layout::from_size_align(500, 16).unwrap());
            let z = a.alloc_zeroed(large);
            assert!(!z.is_null());
            assert!((0..large.size()).all(|i| *z.add(i) == 0));
            a.dealloc(z, large);
        }
    }
}
