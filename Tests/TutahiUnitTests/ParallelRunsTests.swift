import Synchronization
import Testing
import TutahiColumns

/// Work cut into runs that whichever thread is free takes (survey responses, relationship scores):
/// every index must be visited exactly once, in runs of the given size, whatever the threads.
@Suite("Runs of indices taken by whichever thread is free")
struct ParallelRunsTests {
    @Test("the runs cover every index exactly once, each of the size asked for but the last",
          arguments: [(0, 1_024, 2), (1, 1_024, 2), (4_096, 1_024, 3), (10_001, 1_024, 2), (7, 1, 1)])
    func everyIndexOnce(count: Int, size: Int, workers: Int) {
        let taken = Mutex<[Range<Int>]>([])
        Parallel.forEachRun(of: count, size: size, workers: workers) { run in
            taken.withLock { $0.append(run) }
        }
        let runs = taken.withLock { $0 }.sorted { $0.lowerBound < $1.lowerBound }
        #expect(runs.count == (count + size - 1) / size)
        #expect(runs.first?.lowerBound ?? 0 == 0)
        #expect(runs.last?.upperBound ?? 0 == count)
        #expect(zip(runs, runs.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }, "no gap, no overlap")
        #expect(runs.dropLast().allSatisfy { $0.count == size })
        #expect(runs.allSatisfy { !$0.isEmpty })
    }
}
