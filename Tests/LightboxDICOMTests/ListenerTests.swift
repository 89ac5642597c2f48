import DICOM
import DICOMNetwork
import Foundation
import LightboxTestSupport
import Testing

/// `lightbox serve`'s DICOM listener against dcmtk and our own SCU: who is let in, which services a
/// peer may use, peers changed while the server runs, and the association limit.
@Suite("DICOM listener of lightbox serve", .serialized)
struct ListenerTests {
    @Test("echoscu from a known peer succeeds; an unknown calling or wrong called AE title is refused by reason")
    func echoAndRefusals() async throws {
        let server = try await ArchiveServer(peers: ["MODALITY": "echo,store"])
        defer { Task { await server.stop() } }
        let known = try DCMTK.echo(port: server.dicomPort, callingAETitle: "MODALITY")
        #expect(known.status == 0, "echoscu: \(known.standardError)")

        let unknown = try DCMTK.echo(port: server.dicomPort, callingAETitle: "STRANGER")
        #expect(unknown.status != 0)
        #expect(unknown.standardError.contains("Calling AE Title Not Recognized"), "\(unknown.standardError)")

        let wrongCalled = try DCMTK.echo(port: server.dicomPort, callingAETitle: "MODALITY", calledAETitle: "OTHER")
        #expect(wrongCalled.status != 0)
        #expect(wrongCalled.standardError.contains("Called AE Title Not Recognized"), "\(wrongCalled.standardError)")
    }

    @Test(
        "A peer allowed only echo cannot store; once allowed (peer add while serving) it can; once removed it is refused"
    )
    func servicesPerPeerChangeWhileServing() async throws {
        let server = try await ArchiveServer(peers: ["ECHO_ONLY": "echo"])
        defer { Task { await server.stop() } }
        let folder = try TestInstances.temporaryFolder("peer")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try TestInstances.write(
            TestInstances.dataSet(
                study: "1.2.826.0.1.3680043.10.77.1", series: "1.2.826.0.1.3680043.10.77.1.1",
                instance: "1.2.826.0.1.3680043.10.77.1.1.1"), to: folder, name: "one.dcm")

        #expect(try DCMTK.echo(port: server.dicomPort, callingAETitle: "ECHO_ONLY").status == 0)
        let refused = try DCMTK.store(port: server.dicomPort, callingAETitle: "ECHO_ONLY", files: [file])
        #expect(refused.status != 0, "stored without the store service: \(refused.standardError)")
        #expect(try server.query("SELECT COUNT(*) FROM archive_instances") == [["0"]])

        try server.addPeer("ECHO_ONLY", services: "echo,store")
        let allowed = try DCMTK.store(port: server.dicomPort, callingAETitle: "ECHO_ONLY", files: [file])
        #expect(allowed.status == 0, "\(allowed.standardError)")
        #expect(try server.query("SELECT source FROM archive_instances") == [["ECHO_ONLY"]])

        try server.removePeer("ECHO_ONLY")
        let removed = try DCMTK.echo(port: server.dicomPort, callingAETitle: "ECHO_ONLY")
        #expect(removed.status != 0)
        #expect(removed.standardError.contains("Calling AE Title Not Recognized"), "\(removed.standardError)")
    }

    @Test("Beyond the association limit a new association gets A-ASSOCIATE-RJ transient; the others go on")
    func associationLimit() async throws {
        let server = try await ArchiveServer(
            peers: ["MODALITY": "echo,store"], extraArguments: ["--dicom-max-associations", "1"])
        defer { Task { await server.stop() } }
        let held = try await TestInstances.associate(port: server.dicomPort, callingAETitle: "MODALITY")
        let refused = try DCMTK.echo(port: server.dicomPort, callingAETitle: "MODALITY")
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("Local Limit Exceeded"), "\(refused.standardError)")
        #expect(try await held.echo() == .success)
        try await held.release()
        // The slot is free again (its release is processed asynchronously: poll with a deadline).
        let deadline = Date().addingTimeInterval(10)
        var echoed = false
        while !echoed, Date() < deadline {
            echoed = try DCMTK.echo(port: server.dicomPort, callingAETitle: "MODALITY").status == 0
            if !echoed { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(echoed)
    }

    @Test("/api/dicom/peers lists, adds and removes peers for managers, refuses others, and the listener follows")
    func peersThroughTheAPI() async throws {
        let server = try await ArchiveServer(peers: [:])
        defer { Task { await server.stop() } }
        let admin = try server.lightbox.run(
            ["user", "add", "boss", "--role", "manager", "--data", server.data.path], environment: ArchiveServer.quiet)
        let token = try #require(admin.lines.last)
        let radiographer = try server.lightbox.run(
            ["user", "add", "rad", "--role", "radiographer", "--data", server.data.path],
            environment: ArchiveServer.quiet)
        let radiographerToken = try #require(radiographer.lines.last)
        let base = "http://127.0.0.1:\(server.httpPort)/api/dicom/peers"
        let curl = try ExternalProgram(path: "/usr/bin/curl")
        func call(_ method: String, _ url: String, _ token: String, body: String? = nil) throws -> (Int, String) {
            var arguments = [
                "-s", "-m", "20", "-X", method, "-w", "\n%{http_code}", "-H", "Authorization: Bearer \(token)",
            ]
            if let body { arguments += ["-H", "Content-Type: application/json", "--data", body] }
            let result = try curl.run(arguments + [url], timeout: 30)
            let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
            return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
        }
        let body = #"{"aeTitle":"CT_ROOM_1","host":"127.0.0.1","port":104,"services":["echo"]}"#
        #expect(try call("POST", base, radiographerToken, body: body).0 == 403)
        let (created, createdBody) = try call("POST", base, token, body: body)
        #expect(created == 201, "\(createdBody)")
        #expect(try DCMTK.echo(port: server.dicomPort, callingAETitle: "CT_ROOM_1").status == 0)
        let (listed, list) = try call("GET", base, token)
        #expect(listed == 200 && list.contains("CT_ROOM_1"))
        #expect(try call("DELETE", base + "/CT_ROOM_1", token).0 == 204)
        #expect(try call("DELETE", base + "/CT_ROOM_1", token).0 == 404)
        #expect(try DCMTK.echo(port: server.dicomPort, callingAETitle: "CT_ROOM_1").status != 0)
        let audit = try server.query(
            "SELECT action FROM audit_entries WHERE action LIKE 'dicom-peer.%' ORDER BY sequence")
        #expect(audit == [["dicom-peer.added"], ["dicom-peer.removed"]])
    }
}

/// `serve --demo` gives a newcomer a modality peer and images at once.
@Suite("Demo archive of lightbox serve", .serialized)
struct DemoArchiveTests {
    @Test("--demo registers DEMO_MODALITY and archives demo studies matched to demo exams; loading again adds nothing")
    func demo() async throws {
        let server = try await ArchiveServer(peers: [:], extraArguments: ["--demo"])
        defer { Task { await server.stop() } }
        #expect(try DCMTK.echo(port: server.dicomPort, callingAETitle: "DEMO_MODALITY").status == 0)
        let studies = try server.query("SELECT match_status, number_of_instances FROM archive_studies")
        #expect(studies.count == 3 && studies.allSatisfy { $0 == ["matched", "2"] }, "\(studies)")
        await server.stop()
        try await server.start()
        #expect(try server.query("SELECT COUNT(*) FROM archive_instances") == [["6"]])
        #expect(server.imageFiles().count == 6)
    }
}
