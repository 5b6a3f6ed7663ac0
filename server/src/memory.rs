//! The server's allocator, and keeping the process's resident memory near
//! what it uses.
//!
//! The server binary allocates with mimalloc ([`Allocator`]): each thread
//! has its own heap, without the locks and the consolidation passes that
//! made allocating and freeing with glibc's `malloc` about a quarter of
//! a respondent page's processor time (a profile of `scripts/bench.sh
//! pages`). [`release`] asks it to give back what it has freed.
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

/// The server binary's global allocator.
pub type Allocator = mimalloc::MiMalloc;

/// Sets glibc's allocator's habits for a long-running server. Call once, at
/// the start of the process, before other threads run.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's parameters; called before
    // other threads exist.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_ARENA_MAX, 2);
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
