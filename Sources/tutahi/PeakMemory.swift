#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The most memory the process has held at once (its peak resident set), for `run --timings`.
enum PeakMemory {
    /// The peak resident set in megabytes (MiB), as `/usr/bin/time` reports it.
    static var megabytes: Int {
        var usage = rusage()
        #if canImport(Glibc)
        let who = RUSAGE_SELF.rawValue
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        #if canImport(Darwin)
        return Int(usage.ru_maxrss) / (1 << 20)  // bytes
        #else
        return Int(usage.ru_maxrss) / 1024  // kilobytes
        #endif
    }
}
