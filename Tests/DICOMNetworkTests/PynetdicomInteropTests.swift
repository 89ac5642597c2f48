import DICOM
import Foundation
import NIOCore
import Synchronization
import Testing

@testable import DICOMNetwork

/// N-services (MPPS-like instance store), storage commitment (N-ACTION answered by an
/// N-EVENT-REPORT on the same association) and C-CANCEL, driven by pynetdicom.
final class TestNServices: NServiceHandler {
    static let mpps = "1.2.840.10008.3.1.2.3.3"
    static let commitment = "1.2.840.10008.1.20.1"
    let instances = Mutex<[String: DataSet]>([:])
    let events = Mutex<[UInt16]>([])
    var sopClassUIDs: [String] { [Self.mpps, Self.commitment] }

    func handle(_ request: NServiceRequest) async throws -> NServiceReply {
        let context = PresentationContext(
            id: 1, abstractSyntax: request.sopClassUID, transferSyntax: request.transferSyntaxUID)
        switch request.commandField {
        case .nCreateRQ:
            let uid = request.sopInstanceUID ?? FindAnswerWriter.uid()
            let attributes = try request.dataSet?.dataSet() ?? DataSet()
            instances.withLock { $0[uid] = attributes }
            return NServiceReply(response: NServiceResponse(status: .success, sopInstanceUID: uid))
        case .nSetRQ:
            guard let uid = request.sopInstanceUID, var stored = instances.withLock({ $0[uid] }) else {
                return NServiceReply(response: NServiceResponse(status: .noSuchSOPInstance))
            }
            for element in try request.dataSet?.dataSet() ?? DataSet() { stored.insert(element) }
            instances.withLock { $0[uid] = stored }
            return NServiceReply(response: NServiceResponse(status: .success, sopInstanceUID: uid))
        case .nGetRQ:
            guard let uid = request.sopInstanceUID, let stored = instances.withLock({ $0[uid] }) else {
                return NServiceReply(response: NServiceResponse(status: .noSuchSOPInstance))
            }
            return NServiceReply(
                response: NServiceResponse(
                    status: .success, sopInstanceUID: uid, dataSet: try EncodedDataSet(stored, for: context)))
        case .nDeleteRQ:
            let removed = instances.withLock { $0.removeValue(forKey: request.sopInstanceUID ?? "") }
            return NServiceReply(response: NServiceResponse(status: removed == nil ? .noSuchSOPInstance : .success))
        case .nEventReportRQ:
            events.withLock { $0.append(request.command.uint16(.eventTypeID) ?? 0) }
            return NServiceReply(response: NServiceResponse(status: .success))
        case .nActionRQ:
            // Storage commitment (PS3.4 J.3): every referenced instance is "committed" and the
            // result goes back as event type 1 on the same association.
            let information = try request.dataSet?.dataSet() ?? DataSet()
            var result = DataSet()
            try result.set(Tag(0x0008, 0x1195), string: information.string(Tag(0x0008, 0x1195)) ?? "")
            result.set(Tag(0x0008, 0x1199), sequence: information.sequence(Tag(0x0008, 0x1199)) ?? [])
            return NServiceReply(
                response: NServiceResponse(status: .success),
                eventReports: [
                    NEventReport(
                        sopClassUID: Self.commitment, sopInstanceUID: "1.2.840.10008.1.20.1.1", eventTypeID: 1,
                        information: try EncodedDataSet(result, for: context))
                ])
        default:
            return NServiceReply(response: NServiceResponse(status: .unrecognizedOperation))
        }
    }
}

/// Answers slowly and forever, so only C-CANCEL ends it.
struct EndlessFind: FindHandler {
    var sopClassUIDs: [String] { [QueryInformationModel.studyRoot.findSOPClassUID] }
    func find(_ request: QueryRequest, respond: (EncodedDataSet) async throws -> Void) async throws -> DIMSEStatus {
        let context = PresentationContext(
            id: 1, abstractSyntax: request.sopClassUID, transferSyntax: request.identifier.transferSyntaxUID)
        for index in 0..<500 {
            var answer = DataSet()
            try answer.set(Tag(0x0008, 0x0052), string: "STUDY")
            try answer.set(.studyInstanceUID, string: "1.2.3.\(index)")
            try await respond(try EncodedDataSet(answer, for: context))
            try await Task.sleep(for: .milliseconds(20))
        }
        return .success
    }
}

@Suite(.serialized) struct PynetdicomInteropTests {
    static let script = #"""
        import sys, json, time, threading
        from pydicom.dataset import Dataset
        from pydicom.uid import generate_uid
        from pynetdicom import AE, evt
        from pynetdicom.sop_class import ModalityPerformedProcedureStep as MPPS, StorageCommitmentPushModel as SC, StudyRootQueryRetrieveInformationModelFind as FIND
        port = int(sys.argv[1]); out = {}
        events = []
        def on_report(event):
            events.append((event.event_type, event.attribute_list.TransactionUID if event.attribute_list else None))
            return 0x0000, None
        ae = AE(ae_title='PYNET')
        ae.add_requested_context(MPPS); ae.add_requested_context(SC)
        assoc = ae.associate('127.0.0.1', port, ae_title='LIGHTBOX', evt_handlers=[(evt.EVT_N_EVENT_REPORT, on_report)])
        assert assoc.is_established, 'not established'
        ds = Dataset(); ds.PerformedProcedureStepStatus = 'IN PROGRESS'; ds.PatientID = 'P1'
        uid = generate_uid()
        st, attr = assoc.send_n_create(ds, MPPS, uid); out['create'] = st.Status
        mod = Dataset(); mod.PerformedProcedureStepStatus = 'COMPLETED'
        st, attr = assoc.send_n_set(mod, MPPS, uid); out['set'] = st.Status
        st, attr = assoc.send_n_get([0x00400252, 0x00100020], MPPS, uid); out['get'] = st.Status
        out['get_status_value'] = str(attr.PerformedProcedureStepStatus) if attr is not None else None
        ev = Dataset(); ev.PatientID = 'P1'
        st, attr = assoc.send_n_event_report(ev, 3, MPPS, uid); out['event_report'] = st.Status
        st = assoc.send_n_delete(MPPS, uid); out['delete'] = st.Status
        st = assoc.send_n_get([0x00400252], MPPS, uid)[0]; out['get_after_delete'] = st.Status
        req = Dataset(); req.TransactionUID = generate_uid(); item = Dataset()
        item.ReferencedSOPClassUID = '1.2.840.10008.5.1.4.1.1.2'; item.ReferencedSOPInstanceUID = generate_uid()
        req.ReferencedSOPSequence = [item]
        st, reply = assoc.send_n_action(req, 1, SC, '1.2.840.10008.1.20.1.1'); out['action'] = st.Status
        assoc.release()
        print(json.dumps(out))
        """#

    @Test func nServicesAndStorageCommitmentFromPynetdicom() async throws {
        let handler = TestNServices()
        try await withServer(handlers: ServiceHandlers(nServices: [handler])) { port, _ in
            let result = try await Tool.run("/usr/bin/env", ["python3", "-c", Self.script, "\(port)"], timeout: 60)
            #expect(result.status == 0, "pynetdicom: \(result.all.suffix(1500))")
            let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] ?? [:]
            #expect(json["create"] as? Int == 0)
            #expect(json["set"] as? Int == 0)
            #expect(json["get"] as? Int == 0)
            #expect(json["get_status_value"] as? String == "COMPLETED")
            #expect(json["event_report"] as? Int == 0)
            #expect(json["delete"] as? Int == 0)
            #expect(json["get_after_delete"] as? Int == 0x0112)
            #expect(json["action"] as? Int == 0)
            #expect(handler.events.withLock { $0 } == [3])
        }
    }

    /// An application's own N-service handler may send an N-EVENT-REPORT on the requestor's
    /// association; this checks that generic path with our client. The storage commitment
    /// service itself, with pynetdicom as the requestor, is in `StorageCommitmentTests`.
    @Test func storageCommitmentResultArrivesOnTheSameAssociation() async throws {
        try await withServer(handlers: ServiceHandlers(nServices: [TestNServices()])) { port, _ in
            let association = try await DICOMClient().connect(
                host: "127.0.0.1", port: port,
                parameters: AssociationParameters(
                    callingAETitle: "SCU", calledAETitle: "LIGHTBOX",
                    proposals: [.init(abstractSyntax: TestNServices.commitment)]))
            let context = try #require(association.presentationContext(for: TestNServices.commitment))
            var request = DataSet()
            try request.set(Tag(0x0008, 0x1195), string: "1.2.3.99")
            var item = DataSet()
            try item.set(Tag(0x0008, 0x1150), string: "1.2.840.10008.5.1.4.1.1.2")
            try item.set(Tag(0x0008, 0x1155), string: "1.2.3.4.5")
            request.set(Tag(0x0008, 0x1199), sequence: [item])
            let action = try await association.nAction(
                sopClassUID: TestNServices.commitment, sopInstanceUID: "1.2.840.10008.1.20.1.1", actionTypeID: 1,
                information: EncodedDataSet(request, for: context))
            #expect(action.status == .success)
            let report = try await association.receiveEventReport()
            #expect(report.eventTypeID == 1)
            let result = try #require(try report.information?.dataSet())
            #expect(result.string(Tag(0x0008, 0x1195)) == "1.2.3.99")
            #expect(result.sequence(Tag(0x0008, 0x1199))?.first?.string(Tag(0x0008, 0x1155)) == "1.2.3.4.5")
            try await association.release()
        }
    }

    static let cancelScript = #"""
        import sys, json
        from pydicom.dataset import Dataset
        from pynetdicom import AE
        from pynetdicom.sop_class import StudyRootQueryRetrieveInformationModelFind as FIND
        port = int(sys.argv[1])
        ae = AE(ae_title='PYNET'); ae.add_requested_context(FIND)
        assoc = ae.associate('127.0.0.1', port, ae_title='LIGHTBOX')
        assert assoc.is_established
        cx = [c for c in assoc.accepted_contexts if c.abstract_syntax == FIND][0]
        q = Dataset(); q.QueryRetrieveLevel = 'STUDY'; q.StudyInstanceUID = ''
        statuses = []
        for status, identifier in assoc.send_c_find(q, FIND, msg_id=7):
            statuses.append(status.Status)
            if len(statuses) == 3:
                assoc.send_c_cancel(7, cx.context_id)
        assoc.release()
        print(json.dumps({'statuses': statuses}))
        """#

    @Test func cCancelFromPynetdicomEndsAFind() async throws {
        try await withServer(handlers: ServiceHandlers(find: EndlessFind())) { port, _ in
            let result = try await Tool.run(
                "/usr/bin/env", ["python3", "-c", Self.cancelScript, "\(port)"], timeout: 60)
            #expect(result.status == 0, "pynetdicom: \(result.all.suffix(1500))")
            let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] ?? [:]
            let statuses = json["statuses"] as? [Int] ?? []
            #expect(statuses.last == 0xFE00, "final status Cancel: \(statuses)")
            #expect(statuses.count >= 4 && statuses.count < 100, "cancelled early: \(statuses.count) responses")
            #expect(statuses.dropLast().allSatisfy { $0 == 0xFF00 })
        }
    }
}
