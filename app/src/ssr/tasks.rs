//! The shutdown signal of one server's background tasks (the submissions
//! writer, the outbox worker, housekeeping). Each task listens to its own
//! server's signal and ends when it is given, so a server stops whole and
//! two servers in one process (as in the tests) never stop each other.

use std::sync::Arc;
use tokio::sync::watch;

/// Gives the signal; owned by the server's state.
#[derive(Clone, Debug)]
pub struct Shutdown {
    tx: Arc<watch::Sender<bool>>,
}

impl Default for Shutdown {
    fn default() -> Self {
        Shutdown {
            tx: Arc::new(watch::channel(false).0),
        }
    }
}

impl Shutdown {
    pub fn new() -> Shutdown {
        Shutdown::default()
    }

    /// Tells every task listening to stop.
    pub fn trigger(&self) {
        self.tx.send_replace(true);
    }

    pub fn is_triggered(&self) -> bool {
        *self.tx.borrow()
    }

    /// A listener, for one task to hold until it ends.
    pub fn listen(&self) -> Stop {
        Stop(self.tx.subscribe())
    }

    /// How many listeners are alive: the background tasks still running.
    pub fn listeners(&self) -> usize {
        self.tx.receiver_count()
    }
}

/// One task's end of the signal.
#[derive(Debug)]
pub struct Stop(watch::Receiver<bool>);

impl Stop {
    /// Resolves once the signal is given (or its sender is gone).
    pub async fn wait(&mut self) {
        let _ = self.0.wait_for(|stop| *stop).await;
    }

    pub fn given(&self) -> bool {
        *self.0.borrow()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn listeners_stop_when_triggered_and_are_counted() {
        let shutdown = Shutdown::new();
        let mut stop = shutdown.listen();
        assert_eq!(shutdown.listeners(), 1);
        assert!(!stop.given());
        let task = tokio::spawn(async move {
            stop.wait().await;
        });
        shutdown.trigger();
        task.await.unwrap();
        assert!(shutdown.is_triggered());
        assert_eq!(shutdown.listeners(), 0, "the task dropped its listener");
        // Listening after the signal: resolves at once.
        shutdown.listen().wait().await;
    }
}
