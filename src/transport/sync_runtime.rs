//! A current-thread runtime for each thread that makes blocking calls.
//!
//! A blocking call on the shared multi-thread runtime crossed threads twice: the
//! caller handed the request to the connection task on an I/O thread and slept
//! until it was woken with the response. Here the whole call, connection task
//! included, runs on the calling thread, which owns its runtime and its own
//! connection pool per client. The concurrency bound stays shared per client.
//! After `fork` the inherited runtime and pools are leaked and rebuilt, as for the
//! shared runtime.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::sync::{Arc, Weak};

use tokio::runtime::{Builder, Runtime};

use crate::error::{Error, ErrorKind, Result};

thread_local! {
    static RUNTIME: RefCell<Option<(u32, Rc<Runtime>)>> = const { RefCell::new(None) };
    static CLIENTS: RefCell<Vec<(Weak<()>, reqwest::Client)>> = const { RefCell::new(Vec::new()) };
    static IN_CALL: Cell<bool> = const { Cell::new(false) };
    static CLIENTS_PID: Cell<u32> = const { Cell::new(0) };
}

fn thread_runtime() -> Result<Rc<Runtime>> {
    RUNTIME.with(|slot| {
        let mut slot = slot.borrow_mut();
        let pid = std::process::id();
        if let Some((owner, runtime)) = slot.as_ref() {
            if *owner == pid {
                return Ok(runtime.clone());
            }
        }
        if let Some(inherited) = slot.take() {
            // The parent's runtime: its I/O driver belongs to the parent, so it is never dropped here.
            std::mem::forget(inherited);
        }
        let runtime = Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                Error::new(
                    ErrorKind::Other,
                    format!("failed to start the I/O runtime: {e}"),
                )
            })?;
        let runtime = Rc::new(runtime);
        *slot = Some((pid, runtime.clone()));
        Ok(runtime)
    })
}

/// Runs `future` to completion on this thread's runtime.
pub fn block_on<F: Future>(future: F) -> Result<F::Output> {
    let runtime = thread_runtime()?;
    let was_in_call = IN_CALL.with(|flag| flag.replace(true));
    let output = runtime.block_on(future);
    IN_CALL.with(|flag| flag.set(was_in_call));
    Ok(output)
}

/// Returns true inside [`block_on`] on this thread.
pub fn in_call() -> bool {
    IN_CALL.with(Cell::get)
}

/// Drops this thread's connection pool of the client identified by `identity`.
/// Pools of other threads go when the client is dropped and those threads call again.
pub fn forget_client(identity: &Arc<()>) {
    let key = Arc::downgrade(identity);
    CLIENTS.with(|clients| {
        clients
            .borrow_mut()
            .retain(|(owner, _)| !owner.ptr_eq(&key))
    });
}

/// Returns this thread's connection pool for the client identified by `identity`,
/// building it with `build` on first use.
pub fn client_for(
    identity: &Arc<()>,
    build: impl FnOnce() -> Result<reqwest::Client>,
) -> Result<reqwest::Client> {
    CLIENTS.with(|clients| {
        let mut clients = clients.borrow_mut();
        let pid = std::process::id();
        if CLIENTS_PID.with(Cell::get) != pid {
            // Pools made before a fork hold the parent's connections.
            std::mem::forget(std::mem::take(&mut *clients));
            CLIENTS_PID.with(|p| p.set(pid));
        }
        clients.retain(|(owner, _)| owner.strong_count() > 0);
        let key = Arc::downgrade(identity);
        if let Some((_, client)) = clients.iter().find(|(owner, _)| owner.ptr_eq(&key)) {
            return Ok(client.clone());
        }
        let client = build()?;
        clients.push((key, client.clone()));
        Ok(client)
    })
}
