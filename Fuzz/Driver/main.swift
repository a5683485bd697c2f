import TutahiFuzzing

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's driver (linked by `-sanitize=fuzzer`): parses its own options, then calls the
/// callback with each input.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

// The target comes from TUTAHI_FUZZ_TARGET (config, csv, jsonl, timestamp, duration, expression,
// cron, exec-reply); every other argument is libFuzzer's.
guard let name = getenv("TUTAHI_FUZZ_TARGET").map({ String(cString: $0) }), FuzzTarget(rawValue: name) != nil else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    let message = Array("tutahi-fuzz: set TUTAHI_FUZZ_TARGET to one of \(names)\n".utf8)
    _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv) { data, size in
    guard let target = getenv("TUTAHI_FUZZ_TARGET").flatMap({ FuzzTarget(rawValue: String(cString: $0)) }) else {
        return 0
    }
    target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
})
