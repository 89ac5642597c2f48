import DICOM
import Foundation
import Synchronization
import Testing

@testable import DICOMNetwork

/// A C-FIND whose matches are all at hand: the handler answers them one after another without ever waiting
/// for anything but the writes, as an index read a page at a time does within its page.
final class FastFind: FindHandler {
    let matches: Int
    /// Pending answers handed to the association (the last may have been refused by a cancel).
    let answered = Mutex(0)

    init(matches: Int) {
        self.matches = matches
    }

    var sopClassUIDs: [String] { [QueryInformationModel.studyRoot.findSOPClassUID] }

    func find(_ request: QueryRequest, respond: (EncodedDataSet) async throws -> Void) async throws -> DIMSEStatus {
        let context = PresentationContext(
            id: 1, abstractSyntax: request.sopClassUID, transferSyntax: request.identifier.transferSyntaxUID)
        for index in 0..<matches {
            var answer = DataSet()
            try answer.set(Tag(0x0008, 0x0052), string: "IMAGE")
            try answer.set(.studyInstanceUID, string: "1.2.826.0.1.3680043.10.79.9")
            try answer.set(.sopInstanceUID, string: "1.2.826.0.1.3680043.10.79.9.1.\(index)")
            answered.withLock { $0 += 1 }
            try await respond(try EncodedDataSet(answer, for: context))
        }
        return .success
    }
}

/// C-CANCEL of a C-FIND whose answers leave as fast as they can be written (PS3.7 §9.3.2.3, PS3.4 §C.4.1.2):
/// the service provider reads the cancel while the answers are still going out and ends with Cancel (FE00),
/// from dcmtk's `findscu --cancel` and from pynetdicom.
@Suite(.serialized) struct FindCancelTests {
    static let matches = 5000

    @Test func findscuCancelStopsAFastFind() async throws {
        let handler = FastFind(matches: Self.matches)
        let out = try makeTemporaryDirectory("findscu-cancel")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try await withServer(handlers: ServiceHandlers(find: handler)) { port, _ in
            // -X writes each answer received.
            let result = try await Tool.run(
                dcmtk + "findscu",
                [
                    "-v", "-S", "-aet", "FINDSCU", "-aec", "LIGHTBOX", "--cancel", "3", "-X", "-od", out, "-k",
                    "QueryRetrieveLevel=IMAGE",
                    "-k", "StudyInstanceUID=1.2.826.0.1.3680043.10.79.9", "-k", "SOPInstanceUID", "127.0.0.1",
                    "\(port)",
                ], timeout: 60)
            #expect(result.status == 0, "findscu: \(result.all.suffix(800))")
            let lines = result.all.split(separator: "\n")
            let final = lines.first { $0.contains("Received Final Find Response") }
            #expect(final?.contains("Cancel") == true, "final response: \(final ?? "none"); \(result.all.suffix(800))")
            let pending = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("rsp") }.count
            #expect(pending >= 3 && pending < Self.matches, "\(pending) pending answers of \(Self.matches)")
        }
        #expect(handler.answered.withLock { $0 } < Self.matches)
    }

    static let pynetdicomScript = #"""
        import sys, json
        from pydicom.dataset import Dataset
        from pynetdicom import AE
        from pynetdicom.sop_class import StudyRootQueryRetrieveInformationModelFind as FIND
        port = int(sys.argv[1])
        ae = AE(ae_title='PYNET'); ae.add_requested_context(FIND)
        assoc = ae.associate('127.0.0.1', port, ae_title='LIGHTBOX')
        assert assoc.is_established
        q = Dataset(); q.QueryRetrieveLevel = 'IMAGE'; q.StudyInstanceUID = '1.2.826.0.1.3680043.10.79.9'; q.SOPInstanceUID = ''
        statuses = []
        for status, identifier in assoc.send_c_find(q, FIND, msg_id=11):
            statuses.append(status.Status)
            if len(statuses) == 1:
                assoc.send_c_cancel(11, query_model=FIND)
        assoc.release()
        print(json.dumps({'statuses': statuses}))
        """#

    @Test func pynetdicomCancelStopsAFastFind() async throws {
        let handler = FastFind(matches: Self.matches)
        try await withServer(handlers: ServiceHandlers(find: handler)) { port, _ in
            let result = try await Tool.run(
                "/usr/bin/env", ["python3", "-c", Self.pynetdicomScript, "\(port)"], timeout: 60)
            #expect(result.status == 0, "pynetdicom: \(result.all.suffix(1500))")
            let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] ?? [:]
            let statuses = json["statuses"] as? [Int] ?? []
            #expect(statuses.last == 0xFE00, "final status Cancel: \(statuses.suffix(3)), \(statuses.count) responses")
            #expect(statuses.count > 1 && statuses.count <= Self.matches, "\(statuses.count) responses")
            #expect(statuses.dropLast().allSatisfy { $0 == 0xFF00 })
        }
        #expect(handler.answered.withLock { $0 } < Self.matches)
    }

    /// The observer reads the Message ID Being Responded To of a C-CANCEL-RQ in place, and nothing from any
    /// other command.
    @Test func observerRecognisesOnlyCCancel() throws {
        let cancel = try CommandSet.cCancelRQ(messageIDBeingRespondedTo: 4242).encoded()
        #expect(CancelObserver.cancelledMessageID(cancel) == 4242)
        let find = try CommandSet.cFindRQ(
            messageID: 4242, sopClassUID: QueryInformationModel.studyRoot.findSOPClassUID, priority: .medium
        ).encoded()
        #expect(CancelObserver.cancelledMessageID(find) == nil)
        var cut = cancel
        cut.moveWriterIndex(to: cancel.writerIndex - 3)
        #expect(CancelObserver.cancelledMessageID(cut) == nil)
    }
}
