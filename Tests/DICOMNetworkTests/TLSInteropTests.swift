import Foundation
import NIOCore
import Testing

@testable import DICOMNetwork

/// Keys and certificates for one test, made by the `openssl` command line: a CA, a server and a
/// client certificate it signs, and a second CA that signs nothing of ours.
struct TestPKI {
    let dir: String
    var ca: String { dir + "/ca.pem" }
    var otherCA: String { dir + "/other-ca.pem" }
    var serverCertificate: String { dir + "/server.pem" }
    var serverKey: String { dir + "/server.key" }
    var clientCertificate: String { dir + "/client.pem" }
    var clientKey: String { dir + "/client.key" }
    var strangerCertificate: String { dir + "/stranger.pem" }
    var strangerKey: String { dir + "/stranger.key" }

    static func make() async throws -> TestPKI {
        let pki = TestPKI(dir: try makeTemporaryDirectory("pki"))
        let openssl = "/usr/bin/openssl"
        func run(_ arguments: [String]) async throws {
            let result = try await Tool.run(openssl, arguments, timeout: 60)
            guard result.status == 0 else {
                throw TestFailure("openssl \(arguments.joined(separator: " ")): \(result.all)")
            }
        }
        for (name, subject) in [("ca", "/CN=Lightbox Test CA"), ("other-ca", "/CN=Somebody Else CA")] {
            try await run([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(pki.dir)/\(name).key", "-out",
                "\(pki.dir)/\(name).pem", "-days", "2", "-subj", subject, "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ])
        }
        let extensions = pki.dir + "/leaf.ext"
        try """
        basicConstraints=CA:FALSE
        keyUsage=critical,digitalSignature,keyEncipherment
        extendedKeyUsage=serverAuth,clientAuth
        subjectAltName=IP:127.0.0.1,DNS:localhost
        """.write(toFile: extensions, atomically: true, encoding: .utf8)
        for (name, issuer) in [("server", "ca"), ("client", "ca"), ("stranger", "other-ca")] {
            try await run([
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(pki.dir)/\(name).key", "-out",
                "\(pki.dir)/\(name).csr", "-subj", "/CN=\(name)",
            ])
            try await run([
                "x509", "-req", "-in", "\(pki.dir)/\(name).csr", "-CA", "\(pki.dir)/\(issuer).pem", "-CAkey",
                "\(pki.dir)/\(issuer).key", "-CAcreateserial", "-out", "\(pki.dir)/\(name).pem", "-days", "2",
                "-extfile", extensions,
            ])
        }
        return pki
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

/// DICOM over TLS (PS3.15 Annex B): dcmtk's echoscu/storescu with +tls against our server, our
/// client against dcmtk's storescp +tls, a plain-TCP peer and an untrusted certificate refused
/// without harm to the listener.
@Suite(.serialized) struct TLSInteropTests {
    static func serverConfiguration(_ pki: TestPKI, requireClientCertificate: Bool = true) throws
        -> DICOMServerConfiguration
    {
        DICOMServerConfiguration(
            aeTitle: "LIGHTBOX", maximumPDULength: 65_536, timeouts: .init(artim: .seconds(3), idle: .seconds(30)),
            tls: try DICOMTLSConfiguration(
                certificatePath: pki.serverCertificate, privateKeyPath: pki.serverKey, trustRootsPath: pki.ca,
                requireClientCertificate: requireClientCertificate
            ).serverContext())
    }

    static func echo(port: Int, tls: DICOMTLSConfiguration) async throws -> DIMSEStatus {
        let association = try await DICOMClient().connect(
            host: "127.0.0.1", port: port,
            parameters: AssociationParameters(
                callingAETitle: "TLSSCU", calledAETitle: "LIGHTBOX",
                proposals: [.init(abstractSyntax: CommandSet.verificationSOPClassUID)], tls: try tls.clientContext()))
        let status = try await association.echo()
        try await association.release()
        return status
    }

    static func goodClient(_ pki: TestPKI) -> DICOMTLSConfiguration {
        DICOMTLSConfiguration(
            certificatePath: pki.clientCertificate, privateKeyPath: pki.clientKey, trustRootsPath: pki.ca)
    }

    static func uncompressedCorpusFiles(_ count: Int) throws -> [String] {
        let plain: Set<String> = [TransferSyntaxUID.explicitVRLittleEndian, TransferSyntaxUID.implicitVRLittleEndian]
        let files = try Corpus.rows(category: "valid").map(\.path).filter { path in
            (try? Part10Header.read(path: path)).map { plain.contains($0.transferSyntaxUID) } ?? false
        }
        guard files.count >= count else { throw TestFailure("corpus has only \(files.count) uncompressed files") }
        return Array(files.prefix(count))
    }

    @Test func dcmtkEchoscuOverTLSWithClientCertificate() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        try await withConfiguredServer(
            try Self.serverConfiguration(pki), handlers: ServiceHandlers(verification: AlwaysSuccessVerification())
        ) { port, _ in
            let result = try await Tool.run(
                dcmtk + "echoscu",
                [
                    "-v", "-aet", "ECHOSCU", "-aec", "LIGHTBOX", "+tls", pki.clientKey, pki.clientCertificate, "-pw",
                    "+cf", pki.ca, "127.0.0.1", "\(port)",
                ], timeout: 30)
            #expect(result.status == 0, "echoscu +tls: \(result.all)")
            #expect(result.all.contains("Received Echo Response (Success)"), "\(result.all)")
            // Without a client certificate the server (which requires one) refuses the handshake.
            let anonymous = try await Tool.run(
                dcmtk + "echoscu", ["-aet", "ECHOSCU", "-aec", "LIGHTBOX", "+tla", "-ic", "127.0.0.1", "\(port)"],
                timeout: 30)
            #expect(anonymous.status != 0, "anonymous TLS accepted: \(anonymous.all)")
            let status = try await Self.echo(port: port, tls: Self.goodClient(pki))
            #expect(status == .success)
        }
    }

    @Test func dcmtkStorescuOverTLSIntoOurServer() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let dir = try makeTemporaryDirectory("tls-receive")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try Self.uncompressedCorpusFiles(5)
        try await withConfiguredServer(
            try Self.serverConfiguration(pki),
            handlers: ServiceHandlers(
                verification: AlwaysSuccessVerification(), store: DirectoryStoreHandler(directory: dir))
        ) { port, _ in
            let result = try await Tool.run(
                dcmtk + "storescu",
                [
                    "-aet", "STORESCU", "-aec", "LIGHTBOX", "+tls", pki.clientKey, pki.clientCertificate, "-pw", "+cf",
                    pki.ca, "127.0.0.1", "\(port)",
                ] + files, timeout: 60)
            #expect(result.status == 0, "storescu +tls: \(result.all)")
            let received = try FileManager.default.subpathsOfDirectory(atPath: dir).filter { $0.hasSuffix(".dcm") }
            let expected = Set(try files.map { try Part10Header.read(path: $0).mediaStorageSOPInstanceUID })
            let got = Set(try received.map { try Part10Header.read(path: dir + "/" + $0).mediaStorageSOPInstanceUID })
            #expect(got == expected)
        }
    }

    @Test func ourClientStoresToDcmtkStorescpOverTLS() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let dir = try makeTemporaryDirectory("tls-storescp")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try Self.uncompressedCorpusFiles(3)
        let port = try Net.freePort()
        // storescp requires our client certificate (its default, -rc).
        let storescp = try Tool(
            dcmtk + "storescp",
            [
                "-aet", "STORESCP", "-od", dir, "+tls", pki.serverKey, pki.serverCertificate, "-pw", "+cf", pki.ca,
                "\(port)",
            ])
        defer { storescp.terminate() }
        try await Net.waitForPort(port)
        let headers = try files.map { try Part10Header.read(path: $0) }
        var proposals: [AssociationParameters.Proposal] = []
        for header in headers {
            let proposal = AssociationParameters.Proposal(
                abstractSyntax: header.mediaStorageSOPClassUID, transferSyntaxes: [header.transferSyntaxUID])
            if !proposals.contains(proposal) { proposals.append(proposal) }
        }
        let association = try await DICOMClient().connect(
            host: "127.0.0.1", port: port,
            parameters: AssociationParameters(
                callingAETitle: "LIGHTBOX", calledAETitle: "STORESCP", proposals: proposals,
                tls: try Self.goodClient(pki).clientContext()))
        for file in files {
            let result = try await association.store(file: file)
            #expect(result.status == .success, "\(file): \(result.status)")
        }
        try await association.release()
        let deadline = Date().addingTimeInterval(10)
        var received: [String] = []
        while Date() < deadline {
            received = try FileManager.default.contentsOfDirectory(atPath: dir)
            if received.count >= files.count { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(
            Set(try received.map { try Part10Header.read(path: dir + "/" + $0).mediaStorageSOPInstanceUID })
                == Set(headers.map(\.mediaStorageSOPInstanceUID)))
        // Trusting another CA only, our client refuses storescp's certificate.
        await #expect {
            _ = try await DICOMClient().connect(
                host: "127.0.0.1", port: port,
                parameters: AssociationParameters(
                    callingAETitle: "LIGHTBOX", calledAETitle: "STORESCP", proposals: proposals,
                    tls: try DICOMTLSConfiguration(
                        certificatePath: pki.clientCertificate, privateKeyPath: pki.clientKey,
                        trustRootsPath: pki.otherCA
                    ).clientContext()))
        } throws: { ($0 as? DICOMNetworkError)?.code == .tlsHandshakeFailed }
    }

    /// A plain-TCP peer sending an A-ASSOCIATE-RQ on the TLS port (`Tests/Scripts/plain-peer.py`): no
    /// association, the connection is closed promptly, and the listener goes on serving TLS peers.
    static let plainPeer = testScript("plain-peer.py")

    @Test func plainTCPPeerOnTheTLSPortIsRefusedCleanly() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        try await withConfiguredServer(
            try Self.serverConfiguration(pki), handlers: ServiceHandlers(verification: AlwaysSuccessVerification())
        ) { port, server in
            for _ in 0..<3 {
                let result = try await Tool.run("/usr/bin/python3", [Self.plainPeer, "\(port)"], timeout: 30)
                let words = result.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
                #expect(result.status == 0 && words.count == 3, "peer: \(result.all)")
                guard words.count == 3 else { continue }
                // Never an A-ASSOCIATE-AC (02): at most a TLS alert record (15), then the close.
                #expect(words[0] == "-" || words[0] == "15", "answer \(words[0])")
                #expect(words[1] == "closed")
                #expect((Double(words[2]) ?? 99) < 5)
            }
            let status = try await Self.echo(port: port, tls: Self.goodClient(pki))
            #expect(status == .success)
            // Nothing lingers: once our echo's association has wound down, none is active.
            let deadline = ContinuousClock.now + .seconds(5)
            while server.activeAssociations > 0 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(server.activeAssociations == 0)
        }
    }

    @Test func untrustedCertificatesFailTheHandshakeWithoutHarmingTheListener() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        try await withConfiguredServer(
            try Self.serverConfiguration(pki), handlers: ServiceHandlers(verification: AlwaysSuccessVerification())
        ) { port, _ in
            // We trust the wrong CA: the server's certificate is refused on our side.
            await #expect {
                _ = try await Self.echo(
                    port: port,
                    tls: DICOMTLSConfiguration(
                        certificatePath: pki.clientCertificate, privateKeyPath: pki.clientKey,
                        trustRootsPath: pki.otherCA))
            } throws: { ($0 as? DICOMNetworkError)?.code == .tlsHandshakeFailed }
            // Our certificate comes from a CA the server does not trust: the server refuses us.
            await #expect {
                _ = try await Self.echo(
                    port: port,
                    tls: DICOMTLSConfiguration(
                        certificatePath: pki.strangerCertificate, privateKeyPath: pki.strangerKey,
                        trustRootsPath: pki.ca))
            } throws: { error in
                let code = (error as? DICOMNetworkError)?.code
                return code == .tlsHandshakeFailed || code == .connectionClosed
            }
            // No certificate at all, where the server requires one.
            await #expect(throws: DICOMNetworkError.self) {
                _ = try await Self.echo(port: port, tls: DICOMTLSConfiguration(trustRootsPath: pki.ca))
            }
            let status = try await Self.echo(port: port, tls: Self.goodClient(pki))
            #expect(status == .success)
        }
    }

    @Test func serverWithoutClientCertificateRequirementAcceptsAnonymousClients() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        try await withConfiguredServer(
            try Self.serverConfiguration(pki, requireClientCertificate: false),
            handlers: ServiceHandlers(verification: AlwaysSuccessVerification())
        ) { port, _ in
            let status = try await Self.echo(port: port, tls: DICOMTLSConfiguration(trustRootsPath: pki.ca))
            #expect(status == .success)
        }
    }

    @Test func incompleteTLSConfigurationsAreRefusedByName() throws {
        #expect {
            _ = try DICOMTLSConfiguration(certificatePath: "/nonexistent.pem").serverContext()
        } throws: { ($0 as? DICOMNetworkError)?.code == .invalidTLSConfiguration }
        #expect {
            _ = try DICOMTLSConfiguration(
                certificatePath: "/nonexistent.pem", privateKeyPath: "/nonexistent.key"
            ).serverContext()
        } throws: { ($0 as? DICOMNetworkError)?.code == .invalidTLSConfiguration }
        #expect {
            _ = try DICOMTLSConfiguration(privateKeyPath: "/nonexistent.key").clientContext()
        } throws: { ($0 as? DICOMNetworkError)?.code == .invalidTLSConfiguration }
    }
}
