import CFuzzerDriver
import Glibc

// libFuzzer's main() is replaced by SwiftPM's entry point: hand the command line over to libFuzzer's driver,
// which parses its options (-max_total_time, -minimize_crash …) as usual.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzDICOM(data, size)
    })
