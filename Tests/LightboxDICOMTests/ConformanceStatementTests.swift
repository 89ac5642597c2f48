import DICOMNetwork
import Foundation
import LightboxDICOM
import LightboxDomain
import LightboxServer
import LightboxTestSupport
import Logging
import Testing

/// `docs/dicom-conformance.md` holds the tables `lightbox dicom conformance` generates from the
/// listener's own services; these tests fail when the document and the code differ, and prove the
/// comparison can fail: a change to the services, the settings or the document is caught.
@Suite("The DICOM Conformance Statement is generated from the code")
struct ConformanceStatementTests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/dicom-conformance.md")

    static func statement() async throws -> ConformanceStatement {
        var logger = Logger(label: "lightbox.conformance.tests")
        logger.logLevel = .warning
        return try await LightboxServer.conformanceStatement(ServerConfiguration(), logger: logger)
    }

    static func section(_ name: String, of statement: ConformanceStatement) throws -> String {
        try #require(statement.sections.first { $0.name == name }).markdown
    }

    @Test("docs/dicom-conformance.md says what the listener does")
    func documentMatchesCode() async throws {
        let statement = try await Self.statement()
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        #expect(
            statement.outdatedSections(in: text).isEmpty,
            "regenerate with `swift run lightbox dicom conformance docs/dicom-conformance.md`")
        // The hand-written prose is still there around the tables.
        for prose in ["Starts outside the pathway", "Association acceptance policy", "Support of character sets"] {
            #expect(text.contains(prose), "\(prose) is missing")
        }
    }

    @Test("The tables list every service the listener registers, and only storage classes as storage")
    func tablesFollowTheServices() async throws {
        let statement = try await Self.statement()
        let services = try Self.section("network-services", of: statement)
        for (uid, service) in [
            ("1.2.840.10008.1.1", "echo"), ("1.2.840.10008.5.1.4.1.2.1.1", "find"),
            ("1.2.840.10008.5.1.4.1.2.2.2", "move"), ("1.2.840.10008.5.1.4.1.2.2.3", "get"),
            ("1.2.840.10008.5.1.4.31", "worklist"), ("1.2.840.10008.3.1.2.3.3", "mpps"),
            ("1.2.840.10008.1.20.1", "commit"),
        ] {
            #expect(services.contains("`\(uid)` | No | Yes | `\(service)`"), "\(uid) for \(service)")
        }
        let storage = statement.acceptedSOPClasses.filter { $0.service == .store }
        #expect(storage.count > 150)
        for uid in ["1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.88.67", "1.2.840.10008.5.1.4.1.1.104.1"] {
            #expect(storage.contains { $0.uid == uid }, "\(uid) is a storage class")
        }
        // Query/retrieve and procedure step classes under the storage roots are not storage.
        for uid in ["1.2.840.10008.5.1.4.38.2", "1.2.840.10008.5.1.4.34.6.1", "1.2.840.10008.5.1.4.1.1.201.2"] {
            #expect(!statement.acceptedSOPClasses.contains { $0.uid == uid }, "\(uid) is not accepted")
        }
        // Storage keeps whatever the sender proposes; queries take the uncompressed syntaxes only.
        let ct = try #require(storage.first { $0.uid == "1.2.840.10008.5.1.4.1.1.2" })
        #expect(ct.acceptsUnlistedTransferSyntaxes)
        #expect(ct.transferSyntaxes.contains("1.2.840.10008.1.2.4.50"))
        let find = try #require(statement.acceptedSOPClasses.first { $0.uid == "1.2.840.10008.5.1.4.1.2.2.1" })
        #expect(Set(find.transferSyntaxes) == Set(TransferSyntaxUID.uncompressed))
        #expect(statement.acceptsUnregisteredStorageSOPClasses)
    }

    /// A store handler that takes Explicit VR Little Endian only (a change a developer might make).
    struct ExplicitOnlyStore: StoreHandler {
        let base: any StoreHandler
        var transferSyntaxes: [String]? { [TransferSyntaxUID.explicitVRLittleEndian] }
        func store(_ request: StoreRequest, dataSet: DataSetFragments) async throws -> DIMSEStatus {
            try await base.store(request, dataSet: dataSet)
        }
    }

    @Test("A change to the services, the settings or the document is caught, section by section")
    func differencesAreCaught() async throws {
        let statement = try await Self.statement()
        let text = try String(contentsOf: Self.document, encoding: .utf8)

        var withoutGet = statement
        withoutGet.services.get = nil
        #expect(
            Set(withoutGet.outdatedSections(in: text)).isSuperset(of: [
                "network-services", "acceptable-presentation-contexts",
            ]))

        var explicitOnly = statement
        explicitOnly.services.store = ExplicitOnlyStore(base: try #require(statement.services.store))
        #expect(explicitOnly.outdatedSections(in: text) == ["acceptable-presentation-contexts"])

        var moreAssociations = statement
        moreAssociations.listener.maximumAssociations += 1
        #expect(moreAssociations.outdatedSections(in: text) == ["ae-specification"])

        var replacing = statement
        replacing.archive.duplicatePolicy = .replace
        #expect(replacing.outdatedSections(in: text) == ["ae-specification"])

        // A row edited by hand is caught, and regenerating puts the code's text back.
        let edited = text.replacingOccurrences(of: "| Verification SOP Class | `1.2.840.10008.1.1` |", with: "")
        #expect(edited != text)
        #expect(statement.outdatedSections(in: edited) == ["network-services"])
        #expect(try statement.update(edited) == text)
        // Without its markers a section cannot be regenerated, and is reported.
        let unmarked = text.replacingOccurrences(of: "<!-- /generated:query-keys -->", with: "")
        #expect(statement.outdatedSections(in: unmarked).contains("query-keys"))
        #expect(throws: ConformanceStatement.MissingSection.self) { try statement.update(unmarked) }
    }

    @Test("lightbox dicom conformance --check passes on the document, fails on an edited copy and regenerates it")
    func command() throws {
        let lightbox = try ArchiveServer.binary()
        let checked = try lightbox.run(["dicom", "conformance", Self.document.path, "--check"])
        #expect(checked.status == 0, "\(checked.standardError)")

        let folder = try TestInstances.temporaryFolder("conformance")
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("dicom-conformance.md")
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        try text.replacingOccurrences(of: "| Setting | Value |", with: "| Setting | Value (edited) |")
            .write(to: copy, atomically: true, encoding: .utf8)
        let failed = try lightbox.run(["dicom", "conformance", copy.path, "--check"])
        #expect(failed.status == 1)
        #expect(failed.standardError.contains("ae-specification"), "\(failed.standardError)")
        let written = try lightbox.run(["dicom", "conformance", copy.path])
        #expect(written.status == 0, "\(written.standardError)")
        #expect(try String(contentsOf: copy, encoding: .utf8) == text)
    }
}
