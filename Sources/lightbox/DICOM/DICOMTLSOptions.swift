import ArgumentParser
import DICOMNetwork

/// DICOM over TLS (PS3.15 Annex B.1) from PEM files, for the network commands.
struct DICOMTLSOptions: ParsableArguments {
    @Flag(name: .customLong("tls"), help: "Use TLS (implied by any --tls-… file option).")
    var enabled = false

    @Option(name: .customLong("tls-cert"), help: "Our certificate (PEM); a server needs one, a client may send one.")
    var certificate: String?

    @Option(name: .customLong("tls-key"), help: "The private key of --tls-cert (PEM, unencrypted).")
    var privateKey: String?

    @Option(
        name: .customLong("tls-ca"), help: "Trust anchors (PEM) the peer's certificate must chain to (default: system)."
    )
    var trustRoots: String?

    var isEnabled: Bool { enabled || certificate != nil || privateKey != nil || trustRoots != nil }

    /// The client side's settings; nil for plain TCP.
    var client: DICOMTLSConfiguration? {
        isEnabled
            ? DICOMTLSConfiguration(
                certificatePath: certificate, privateKeyPath: privateKey, trustRootsPath: trustRoots)
            : nil
    }

    /// The server side's settings; nil for plain TCP.
    func server(requireClientCertificate: Bool) -> DICOMTLSConfiguration? {
        guard isEnabled || requireClientCertificate else { return nil }
        return DICOMTLSConfiguration(
            certificatePath: certificate, privateKeyPath: privateKey, trustRootsPath: trustRoots,
            requireClientCertificate: requireClientCertificate)
    }
}
