//! Work off the UI thread: one result, polled once a frame. Every background task of the window
//! (loading a file, a search, sorting the table, listing a folder, the system's dialogs, a
//! screenshot) is a [`Job`], so how a job is started, cancelled and lost is written once:
//!
//! - **Cancel** by dropping the job: the thread finishes, its send fails, and the result is dropped
//!   there, off the UI thread (freeing a million events takes longer than a frame).
//! - **Lost**: a thread that ends without answering (it panicked) is reported once as
//!   [`Poll::Lost`], never waited for forever.
//! - **Newest wins** where a newer request outdates a running one: keep the job in a [`Latest`],
//!   which drops the old one when a new one starts.

use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

/// What a poll found.
#[derive(Debug)]
pub enum Poll<T> {
    /// Still running.
    Pending,
    Done(T),
    /// The thread stopped without an answer.
    Lost,
}

/// A result being made on another thread.
pub struct Job<T> {
    receiver: Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on its own thread; `ctx` is asked to repaint when the result is ready, so the
    /// frame that takes it comes without waiting for input.
    pub fn spawn(ctx: &egui::Context, work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (job, answer) = Self::channel(ctx);
        std::thread::spawn(move || answer.send(work()));
        job
    }

    /// A job answered from elsewhere (a callback, a thread the caller starts): the [`Answer`] is
    /// given once, or dropped to say the work was lost.
    pub fn channel(ctx: &egui::Context) -> (Self, Answer<T>) {
        let (sender, receiver) = channel();
        (
            Self { receiver },
            Answer {
                sender,
                ctx: ctx.clone(),
            },
        )
    }

    /// The result, once the thread has given it. After [`Poll::Done`] or [`Poll::Lost`] the job
    /// is spent: drop it.
    pub fn poll(&self) -> Poll<T> {
        match self.receiver.try_recv() {
            Ok(result) => Poll::Done(result),
            Err(TryRecvError::Empty) => Poll::Pending,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }
}

/// The sending end of a [`Job`].
pub struct Answer<T> {
    sender: Sender<T>,
    ctx: egui::Context,
}

impl<T> Answer<T> {
    /// Hands over the result and wakes the window. A job dropped meanwhile (cancelled) does not
    /// want it: the result is dropped here, on this thread.
    pub fn send(self, result: T) {
        if self.sender.send(result).is_ok() {
            self.ctx.request_repaint();
        }
    }
}

/// At most one job, the newest: starting another cancels the one running, and a result always
/// answers the latest request. `K` says what the job was for, so a caller can tell whether it is
/// still the result it wants.
pub struct Latest<K, T> {
    job: Option<(K, Job<T>)>,
}

impl<K, T> Default for Latest<K, T> {
    fn default() -> Self {
        Self { job: None }
    }
}

impl<K: Clone, T: Send + 'static> Latest<K, T> {
    /// Starts `job` for `key`, dropping (cancelling) any running one.
    pub fn start(&mut self, key: K, job: Job<T>) {
        self.job = Some((key, job));
    }

    /// Cancels the running job, if any.
    pub fn cancel(&mut self) {
        self.job = None;
    }

    /// What the running job is for.
    pub fn running(&self) -> Option<&K> {
        self.job.as_ref().map(|(key, _)| key)
    }

    /// The running job's result once it is ready, with its key; the job is then gone.
    pub fn poll(&mut self) -> Option<(K, Poll<T>)> {
        let (_, job) = self.job.as_ref()?;
        match job.poll() {
            Poll::Pending => None,
            done => self.job.take().map(|(key, _)| (key, done)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T: Send + 'static>(job: &Job<T>) -> Poll<T> {
        // Generous: a panicking thread may spend seconds printing its backtrace first.
        for _ in 0..10_000 {
            match job.poll() {
                Poll::Pending => std::thread::sleep(std::time::Duration::from_millis(2)),
                done => return done,
            }
        }
        Poll::Pending
    }

    #[test]
    fn a_job_gives_its_result_once_and_a_panicked_one_is_lost() {
        let ctx = egui::Context::default();
        let job = Job::spawn(&ctx, || 6 * 7);
        assert!(matches!(wait(&job), Poll::Done(42)));
        let lost: Job<u8> = Job::spawn(&ctx, || panic!("the loader stopped"));
        assert!(matches!(wait(&lost), Poll::Lost));
    }

    #[test]
    fn the_newest_job_wins_and_a_cancelled_one_is_never_seen() {
        let ctx = egui::Context::default();
        let mut latest: Latest<&str, &str> = Latest::default();
        let (slow, answer) = Job::channel(&ctx);
        latest.start("first", slow);
        latest.start("second", Job::spawn(&ctx, || "second's result"));
        // The first job's answer arrives after it was replaced: nobody receives it.
        answer.send("first's result");
        let mut landed = None;
        for _ in 0..1000 {
            if let Some((key, Poll::Done(result))) = latest.poll() {
                landed = Some((key, result));
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert_eq!(landed, Some(("second", "second's result")));
        assert!(latest.running().is_none());
        latest.start("third", Job::channel(&ctx).0);
        latest.cancel();
        assert!(latest.poll().is_none());
    }
}
