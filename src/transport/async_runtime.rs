//! Glue that lets pyo3-async-runtimes spawn on the fork-aware runtime.

use std::cell::OnceCell;
use std::future::Future;
use std::pin::Pin;

use pyo3_async_runtimes::generic::{ContextExt, JoinError, Runtime};
use pyo3_async_runtimes::TaskLocals;

use super::runtime::runtime;

tokio::task_local! {
    static TASK_LOCALS: OnceCell<TaskLocals>;
}

/// The runtime type handed to `pyo3_async_runtimes::generic::future_into_py`.
pub struct CerRuntime;

/// Join error of a task spawned on [`CerRuntime`].
pub struct SpawnError(Option<tokio::task::JoinError>);

impl JoinError for SpawnError {
    fn is_panic(&self) -> bool {
        self.0
            .as_ref()
            .is_some_and(tokio::task::JoinError::is_panic)
    }

    fn into_panic(self) -> Box<dyn std::any::Any + Send + 'static> {
        match self.0 {
            Some(e) if e.is_panic() => e.into_panic(),
            _ => Box::new("the cerapi runtime could not run the task"),
        }
    }
}

/// A finished or failed spawn.
pub struct Spawned(Option<tokio::task::JoinHandle<()>>);

impl Future for Spawned {
    type Output = Result<(), SpawnError>;

    fn poll(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        match self.0.as_mut() {
            None => std::task::Poll::Ready(Err(SpawnError(None))),
            Some(handle) => Pin::new(handle)
                .poll(cx)
                .map(|r| r.map_err(|e| SpawnError(Some(e)))),
        }
    }
}

impl Runtime for CerRuntime {
    type JoinError = SpawnError;
    type JoinHandle = Spawned;

    fn spawn<F>(fut: F) -> Self::JoinHandle
    where
        F: Future<Output = ()> + Send + 'static,
    {
        Spawned(runtime().ok().map(|rt| rt.spawn(fut)))
    }

    fn spawn_blocking<F>(f: F) -> Self::JoinHandle
    where
        F: FnOnce() + Send + 'static,
    {
        Spawned(runtime().ok().map(|rt| rt.spawn_blocking(f)))
    }
}

impl ContextExt for CerRuntime {
    fn scope<F, R>(locals: TaskLocals, fut: F) -> Pin<Box<dyn Future<Output = R> + Send>>
    where
        F: Future<Output = R> + Send + 'static,
    {
        let cell = OnceCell::new();
        let _ = cell.set(locals);
        Box::pin(TASK_LOCALS.scope(cell, fut))
    }

    fn get_task_locals() -> Option<TaskLocals> {
        TASK_LOCALS
            .try_with(|cell| cell.get().cloned())
            .unwrap_or_default()
    }
}
