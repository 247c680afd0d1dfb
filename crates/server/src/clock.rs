//! The time the server goes by. Production reads the system clock; tests use a manual clock they
//! move forward, so time windows (refunds, sessions, rate limits) are tested without sleeping.

use std::sync::{Arc, Mutex};

use time::{Duration, OffsetDateTime};

#[derive(Clone)]
pub struct Clock(Arc<Source>);

enum Source {
    System,
    Manual(Mutex<OffsetDateTime>),
}

impl Clock {
    pub fn system() -> Self {
        Clock(Arc::new(Source::System))
    }

    /// A clock that stands still at `start` until moved.
    pub fn manual(start: OffsetDateTime) -> Self {
        Clock(Arc::new(Source::Manual(Mutex::new(start))))
    }

    pub fn now(&self) -> OffsetDateTime {
        match &*self.0 {
            Source::System => OffsetDateTime::now_utc(),
            Source::Manual(now) => *now.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }

    /// Moves a manual clock forward; the system clock cannot be moved.
    pub fn advance(&self, by: Duration) {
        match &*self.0 {
            Source::System => panic!("the system clock cannot be moved"),
            Source::Manual(now) => {
                *now.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) += by
            }
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Clock({})", self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let clock = Clock::manual(datetime!(2026-11-21 10:00 UTC));
        assert_eq!(clock.now(), datetime!(2026-11-21 10:00 UTC));
        clock.advance(Duration::hours(73));
        assert_eq!(clock.now(), datetime!(2026-11-24 11:00 UTC));
    }

    #[test]
    fn the_system_clock_follows_the_system() {
        let before = OffsetDateTime::now_utc();
        let now = Clock::system().now();
        assert!(now >= before && now - before < Duration::seconds(5));
    }
}
