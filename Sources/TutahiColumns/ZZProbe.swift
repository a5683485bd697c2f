#if canImport(Glibc)
import Glibc
#endif
public enum Probe {
    nonisolated(unsafe) static var last: Double = now()
    static let enabled = getenv("TUTAHI_PROBE") != nil
    static func now() -> Double { var t = timespec(); clock_gettime(CLOCK_MONOTONIC, &t); return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9 }
    public static func mark(_ label: String) {
        guard enabled else { return }
        let t = now()
        let line = "probe \(label):\(Double(Int((t - last) * 1000)) / 1000)\n"; _ = line.withCString { write(2, $0, strlen($0)) }
        last = t
    }
}
