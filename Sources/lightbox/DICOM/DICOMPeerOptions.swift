import ArgumentParser
import DICOMNetwork
import NIOCore

/// Who we are and whom we call, spelled like dcmtk (`-aet`, `-aec`) or long.
struct DICOMPeerOptions: ParsableArguments {
    @Option(
        name: [.customLong("aet", withSingleDash: true), .customLong("calling-aet")], help: "Our (calling) AE title.")
    var callingAETitle = "LIGHTBOX"

    @Option(
        name: [.customLong("aec", withSingleDash: true), .customLong("called-aet")],
        help: "The peer's (called) AE title.")
    var calledAETitle = "ANY-SCP"

    @Argument(help: "Peer host name or address.")
    var host: String

    @Argument(help: "Peer port.")
    var port: Int

    @Option(name: .long, help: "Our maximum PDU length (bytes).")
    var maxPDU: UInt32 = 65_536

    @Option(name: .long, help: "Seconds to wait for the peer (association and responses).")
    var timeout: Int = 60

    @OptionGroup var dimseTimeout: DIMSETimeoutOption

    /// The ARTIM timer (PS3.8 §9.1.5) and the idle wait for the peer.
    var timeouts: UpperLayerHandler.Timeouts {
        .init(artim: .seconds(30), idle: .seconds(Int64(timeout)))
    }

    /// The DIMSE timeout, or nil for none.
    var dimseTimeAmount: TimeAmount? { dimseTimeout.timeAmount }

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be at least 1 second.") }
    }

    @OptionGroup(title: "DICOM over TLS")
    var tls: DICOMTLSOptions
}
