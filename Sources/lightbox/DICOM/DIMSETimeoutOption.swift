import ArgumentParser
import NIOCore

/// `--dimse-timeout` (`-td`, as dcmtk spells it), shared by the network commands that call a peer and
/// by `receive`: how long the rest of a DIMSE message may take once it has begun.
struct DIMSETimeoutOption: ParsableArguments {
    @Option(
        name: [.customLong("td", withSingleDash: true), .customLong("dimse-timeout")],
        help: "Seconds to wait for the rest of a DIMSE message once it has begun (0: no limit).")
    var seconds: Int = 30

    /// The timeout, or nil for none.
    var timeAmount: TimeAmount? {
        seconds > 0 ? .seconds(Int64(seconds)) : nil
    }

    func validate() throws {
        guard seconds >= 0 else { throw ValidationError("--dimse-timeout must not be negative.") }
    }
}
