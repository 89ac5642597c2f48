import NIOSSL

/// DICOM over TLS (PS3.15 Annex B.1, the Secure Transport Connection profiles, and B.9 BCP 195):
/// certificates and keys from PEM files turned into NIOSSL contexts for the server and the client.
/// Peers are authenticated by certificate against the given trust anchors; host names are not
/// checked, since DICOM peers are configured by address and AE title, not by DNS name.
public struct DICOMTLSConfiguration: Sendable, Equatable {
    /// Our certificate (PEM; a chain, leaf first, is accepted).
    public var certificatePath: String?
    /// Our private key (PEM, unencrypted).
    public var privateKeyPath: String?
    /// Trust anchors (PEM) the peer's certificate must chain to; nil uses the system's roots.
    public var trustRootsPath: String?
    /// Server: refuse clients that present no certificate signed by the trust anchors.
    public var requireClientCertificate: Bool

    public init(
        certificatePath: String? = nil, privateKeyPath: String? = nil, trustRootsPath: String? = nil,
        requireClientCertificate: Bool = false
    ) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.trustRootsPath = trustRootsPath
        self.requireClientCertificate = requireClientCertificate
    }

    /// The oldest TLS version negotiated, server and client alike (BCP 195, PS3.15 B.9).
    public static let minimumTLSVersion: TLSVersion = .tlsv12

    /// ``minimumTLSVersion`` in words ("TLS 1.2"), for conformance statements and logs.
    public static var minimumTLSVersionName: String {
        switch minimumTLSVersion {
        case .tlsv1: "TLS 1.0"
        case .tlsv11: "TLS 1.1"
        case .tlsv12: "TLS 1.2"
        case .tlsv13: "TLS 1.3"
        }
    }

    /// The context for ``DICOMServerConfiguration/tls``: our certificate and key are required.
    public func serverContext() throws -> NIOSSLContext {
        guard let certificatePath, let privateKeyPath else {
            throw DICOMNetworkError(.invalidTLSConfiguration, "a TLS server needs a certificate and a private key")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try chain(certificatePath), privateKey: try key(privateKeyPath))
        configuration.minimumTLSVersion = Self.minimumTLSVersion
        configuration.trustRoots = try roots()
        configuration.certificateVerification = requireClientCertificate ? .noHostnameVerification : .none
        return try context(configuration)
    }

    /// The context for ``AssociationParameters/tls``: the server's certificate is always verified;
    /// our certificate and key, when given, authenticate us to servers that ask.
    public func clientContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = Self.minimumTLSVersion
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = try roots()
        switch (certificatePath, privateKeyPath) {
        case (let certificate?, let key?):
            configuration.certificateChain = try chain(certificate)
            configuration.privateKey = try self.key(key)
        case (nil, nil):
            break
        default:
            throw DICOMNetworkError(.invalidTLSConfiguration, "a client certificate needs its private key and back")
        }
        return try context(configuration)
    }

    private func chain(_ path: String) throws -> [NIOSSLCertificateSource] {
        do {
            let certificates = try NIOSSLCertificate.fromPEMFile(path)
            guard !certificates.isEmpty else {
                throw DICOMNetworkError(.invalidTLSConfiguration, "no certificate in \(path)")
            }
            return certificates.map { .certificate($0) }
        } catch let error as DICOMNetworkError {
            throw error
        } catch {
            throw DICOMNetworkError(.invalidTLSConfiguration, "cannot read certificate \(path): \(error)")
        }
    }

    private func key(_ path: String) throws -> NIOSSLPrivateKeySource {
        do {
            return .privateKey(try NIOSSLPrivateKey(file: path, format: .pem))
        } catch {
            throw DICOMNetworkError(.invalidTLSConfiguration, "cannot read private key \(path): \(error)")
        }
    }

    private func roots() throws -> NIOSSLTrustRoots {
        guard let trustRootsPath else { return .default }
        do {
            return .certificates(try NIOSSLCertificate.fromPEMFile(trustRootsPath))
        } catch {
            throw DICOMNetworkError(.invalidTLSConfiguration, "cannot read trust anchors \(trustRootsPath): \(error)")
        }
    }

    private func context(_ configuration: TLSConfiguration) throws -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw DICOMNetworkError(.invalidTLSConfiguration, "TLS configuration refused: \(error)")
        }
    }
}
