//! CPU clocks for the profiling examples: the machine is shared, so wall time
//! per phase is noisy; CPU time is not.
use std::time::Duration;

#[repr(C)]
struct Timespec {
    sec: i64,
    nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

/// Linux clock ids (time.h).
const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

fn clock(id: i32) -> Duration {
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec for the call.
    unsafe { clock_gettime(id, &mut ts) };
    Duration::new(ts.sec as u64, ts.nsec as u32)
}

/// CPU time of the whole process (all threads).
#[allow(dead_code)]
pub fn process() -> Duration {
    clock(CLOCK_PROCESS_CPUTIME_ID)
}

/// A point in the calling thread's CPU time.
#[derive(Clone, Copy)]
#[allow(dead_code)]
pub struct Instant(Duration);

#[allow(dead_code)]
impl Instant {
    pub fn now() -> Instant {
        Instant(clock(CLOCK_THREAD_CPUTIME_ID))
    }
    pub fn elapsed(&self) -> Duration {
        Instant::now().0 - self.0
    }
}
