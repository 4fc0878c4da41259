//! Where the CPU went during a measured run: the server process, this process (the client, and
//! the baseline when it runs), and the whole machine (to see whether it was saturated and by
//! how much other work).

use serde::Serialize;

/// Linux reports process times in USER_HZ, 100 a second.
const TICKS_PER_SECOND: f64 = 100.0;

#[derive(Clone, Copy, Debug)]
pub struct Snapshot {
    server: u64,
    server_switches: u64,
    bench: u64,
    machine_busy: u64,
    machine_total: u64,
    at: std::time::Instant,
}

/// CPU used during a run, in cores (1.0 = one core busy the whole time).
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Usage {
    pub server_cores: f64,
    pub bench_cores: f64,
    pub machine_busy_cores: f64,
    pub machine_cores: f64,
    /// Context switches of the server's threads during the run (voluntary and not): each
    /// wait of a task for another thread (a SQLite statement handed to its connection's
    /// thread, a blocking task, a lock) costs at least one.
    pub server_switches: u64,
}

/// utime + stime of a process, in ticks.
fn process_ticks(pid: &str) -> u64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0;
    };
    // The command name may hold spaces; the fields after it are plain.
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // rest starts at field 3 (state); utime and stime are fields 14 and 15.
    let field = |n: usize| fields.get(n - 3).and_then(|v| v.parse::<u64>().ok());
    field(14).unwrap_or(0) + field(15).unwrap_or(0)
}

/// Context switches of all the threads of a process so far.
fn process_switches(pid: &str) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("status")).ok())
        .map(|status| {
            status
                .lines()
                .filter(|l| l.contains("ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1))
                .filter_map(|v| v.parse::<u64>().ok())
                .sum::<u64>()
        })
        .sum()
}

/// Busy and total ticks of the whole machine.
fn machine_ticks() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let Some(line) = stat.lines().find(|l| l.starts_with("cpu ")) else {
        return (0, 0);
    };
    let values: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal guest guest_nice; guests are in user.
    let total: u64 = values.iter().take(8).sum();
    let idle = values.get(3).copied().unwrap_or(0) + values.get(4).copied().unwrap_or(0);
    (total.saturating_sub(idle), total)
}

impl Snapshot {
    pub fn take(server_pid: u32) -> Self {
        let (machine_busy, machine_total) = machine_ticks();
        Self {
            server: process_ticks(&server_pid.to_string()),
            server_switches: process_switches(&server_pid.to_string()),
            bench: process_ticks("self"),
            machine_busy,
            machine_total,
            at: std::time::Instant::now(),
        }
    }

    pub fn since(&self, earlier: &Snapshot) -> Usage {
        let secs = self.at.duration_since(earlier.at).as_secs_f64();
        if secs <= 0.0 {
            return Usage::default();
        }
        let cores = |ticks: u64| ticks as f64 / TICKS_PER_SECOND / secs;
        let total = self.machine_total.saturating_sub(earlier.machine_total) as f64;
        let busy = self.machine_busy.saturating_sub(earlier.machine_busy) as f64;
        let machine_cores = std::thread::available_parallelism().map_or(1.0, |n| n.get() as f64);
        Usage {
            server_cores: cores(self.server.saturating_sub(earlier.server)),
            bench_cores: cores(self.bench.saturating_sub(earlier.bench)),
            machine_busy_cores: if total > 0.0 {
                busy / total * machine_cores
            } else {
                0.0
            },
            machine_cores,
            server_switches: self.server_switches.saturating_sub(earlier.server_switches),
        }
    }
}
