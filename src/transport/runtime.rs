//! The library's tokio runtime, rebuilt in a child process after `fork`.
//!
//! A forked child has none of the parent's worker threads, so the inherited runtime
//! would never drive a request and the child would hang. Each process therefore owns
//! a runtime tagged with its PID. The inherited one is leaked, never dropped,
//! because dropping it would touch threads and file descriptors of the parent.

use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};

use tokio::runtime::{Builder, Runtime};

use crate::error::{Error, ErrorKind, Result};

struct Slot {
    pid: u32,
    runtime: Runtime,
}

static RUNTIME: AtomicPtr<Slot> = AtomicPtr::new(ptr::null_mut());

/// Returns this process's runtime, building it on first use and after a fork.
pub fn runtime() -> Result<&'static Runtime> {
    let pid = std::process::id();
    loop {
        let current = RUNTIME.load(Ordering::Acquire);
        if !current.is_null() {
            // SAFETY: every pointer stored in RUNTIME comes from Box::into_raw and is
            // never freed, so it stays valid for the life of the process.
            let slot = unsafe { &*current };
            if slot.pid == pid {
                return Ok(&slot.runtime);
            }
        }

        let runtime = Builder::new_multi_thread()
            .enable_all()
            .thread_name("cerapi-io")
            .build()
            .map_err(|e| {
                Error::new(
                    ErrorKind::Other,
                    format!("failed to start the I/O runtime: {e}"),
                )
            })?;
        let fresh = Box::into_raw(Box::new(Slot { pid, runtime }));

        match RUNTIME.compare_exchange(current, fresh, Ordering::AcqRel, Ordering::Acquire) {
            // SAFETY: `fresh` was just stored and is never freed.
            Ok(_) => return Ok(unsafe { &(*fresh).runtime }),
            Err(_) => {
                // Another thread installed a runtime first: discard ours and use theirs.
                // SAFETY: `fresh` was never published, so this thread owns it.
                let lost = unsafe { Box::from_raw(fresh) };
                lost.runtime.shutdown_background();
            }
        }
    }
}

/// Returns true when the current process is not the one that built `pid`'s resources.
pub fn forked_since(pid: u32) -> bool {
    pid != std::process::id()
}
