#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Makes the pages of storage that is about to be filled present ahead of the writes.
///
/// Columns reserved for ten million rows are hundreds of megabytes that the loader then fills on
/// one thread, taking a page fault for every 4 KiB. Asking the kernel for the pages in bulk
/// (`MADV_POPULATE_WRITE`) costs a fraction of that and happens on another thread meanwhile. It
/// never changes what the memory holds, so it is harmless whatever the storage has become by then.
package enum Prefault {
    /// The whole reserved storage of `array`, as raw memory (nil when it has none).
    package static func storage<Element>(of array: inout [Element]) -> UnsafeMutableRawBufferPointer? {
        let capacity = array.capacity
        guard capacity > 0 else { return nil }
        return array.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { base in
                UnsafeMutableRawBufferPointer(
                    start: UnsafeMutableRawPointer(base), count: capacity * MemoryLayout<Element>.stride)
            }
        }
    }

    /// Makes the whole pages of each of `regions` present, on a background thread.
    package static func inBackground(_ regions: [UnsafeMutableRawBufferPointer]) {
        #if os(Linux)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let ranges = regions.compactMap { region -> (start: UInt, length: Int)? in
            guard let base = region.baseAddress else { return nil }
            let start = (UInt(bitPattern: base) + UInt(page) - 1) & ~UInt(page - 1)
            let end = (UInt(bitPattern: base) + UInt(region.count)) & ~UInt(page - 1)
            return end > start ? (start, Int(end - start)) : nil
        }
        guard !ranges.isEmpty else { return }
        DispatchQueue.global(qos: .userInitiated).async {
            // The columns fill from their starts, side by side, each at its own rate: each is made
            // present a 256th at a time, all of them in turn, so that the present part runs ahead of
            // the writes in every column, and no call holds the process's memory map for long (a
            // thread growing the heap meanwhile would wait, and every fault behind it).
            let steps = 256
            for step in 0..<steps {
                for range in ranges {
                    let pages = range.length / page
                    let first = pages * step / steps, last = pages * (step + 1) / steps
                    guard last > first else { continue }
                    // MADV_POPULATE_WRITE (Linux 5.14); an older kernel refuses it and the writes fault as before.
                    let start = UnsafeMutableRawPointer(bitPattern: range.start + UInt(first * page))
                    _ = madvise(start, (last - first) * page, 23)
                }
            }
        }
        #endif
    }
}
