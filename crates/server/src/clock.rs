//! The time the server goes by. Production reads the system clock; tests use a manual clock they
//! move forward, so time windows (refunds, sessions, rate limits) are tested without sleeping.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeDelta, Utc};

#[derive(Clone)]
pub struct Clock(Arc<Source>);

enum Source {
    System,
    Manual(Mutex<DateTime<Utc>>),
}

impl Clock {
    pub fn system() -> Self {
        Clock(Arc::new(Source::System))
    }

    /// A clock that stands still at `start` until moved.
    pub fn manual(start: DateTime<Utc>) -> Self {
        Clock(Arc::new(Source::Manual(Mutex::new(start))))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &*self.0 {
            Source::System => Utc::now(),
            Source::Manual(now) => *now.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }

    /// Moves a manual clock forward; the system clock cannot be moved.
    pub fn advance(&self, by: TimeDelta) {
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
    use chrono::{DateTime, Utc};

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let clock = Clock::manual("2026-11-21T10:00:00Z".parse::<DateTime<Utc>>().unwrap());
        assert_eq!(clock.now(), "2026-11-21T10:00:00Z".parse::<DateTime<Utc>>().unwrap());
        clock.advance(TimeDelta::hours(73));
        assert_eq!(clock.now(), "2026-11-24T11:00:00Z".parse::<DateTime<Utc>>().unwrap());
    }

    #[test]
    fn the_system_clock_follows_the_system() {
        let before = Utc::now();
        let now = Clock::system().now();
        assert!(now >= before && now - before < TimeDelta::seconds(5));
    }
}
