import DICOM
import Foundation
import Synchronization
import Testing

@testable import DICOMNetwork

/// Commits the instances it "archived", fails the others (no such object instance), after an
/// optional delay; knows one requestor's address.
final class TestCommitment: StorageCommitmentHandler {
    let archived: Set<ReferencedSOP>
    let delay: Duration
    let requestor: MoveDestination?
    let requests = Mutex<[StorageCommitmentRequest]>([])
    let failures = Mutex<[String]>([])

    init(archived: Set<ReferencedSOP>, delay: Duration = .seconds(0), requestor: MoveDestination? = nil) {
        self.archived = archived
        self.delay = delay
        self.requestor = requestor
    }

    func commit(_ request: StorageCommitmentRequest) async throws -> StorageCommitmentResult {
        requests.withLock { $0.append(request) }
        if delay > .seconds(0) { try await Task.sleep(for: delay) }
        return StorageCommitmentResult(
            transactionUID: request.transactionUID, committed: request.references.filter { archived.contains($0) },
            failed: request.references.filter { !archived.contains($0) }.map {
                .init(instance: $0, reason: .noSuchObjectInstance)
            })
    }

    func requestorAddress(aeTitle: String, request: StorageCommitmentRequest) async -> MoveDestination? {
        requestor?.aeTitle == aeTitle ? requestor : nil
    }

    func deliveryFailed(_ result: StorageCommitmentResult, requestorAETitle: String, error: DICOMNetworkError) async {
        failures.withLock { $0.append("\(requestorAETitle): \(error)") }
    }
}

/// Storage Commitment Push Model (PS3.4 Annex J) with pynetdicom as the requestor: the result on
/// the request's association, and on a new association with SCP/SCU role selection.
@Suite(.serialized) struct StorageCommitmentTests {
    static let ct = "1.2.840.10008.5.1.4.1.1.2"
    static let instances = (1...3).map {
        ReferencedSOP(sopClassUID: ct, sopInstanceUID: "1.2.826.0.1.3680043.9.7.\($0)")
    }

    /// argv: server port, mode (same | new | refusals), our listening port (new), then
    /// class/instance pairs to reference. Prints one JSON object.
    static let script = #"""
        import sys, json, threading, os, ssl
        from pydicom.dataset import Dataset
        from pynetdicom import AE, evt
        from pynetdicom.sop_class import StorageCommitmentPushModel as SC
        port = int(sys.argv[1]); mode = sys.argv[2]; listen = int(sys.argv[3])
        refs = [sys.argv[i:i + 2] for i in range(4, len(sys.argv), 2)]
        got = threading.Event(); out = {}
        def on_report(event):
            ds = event.event_information
            cx = [c for c in event.assoc.accepted_contexts if c.abstract_syntax == SC]
            out['report'] = {
                'on_acceptor_side': event.assoc.is_acceptor,
                'calling_ae': event.assoc.requestor.ae_title,
                'roles': [cx[0].as_scu, cx[0].as_scp] if cx else None,
                'event_type': event.event_type,
                'sop_class': str(event.request.AffectedSOPClassUID),
                'sop_instance': str(event.request.AffectedSOPInstanceUID),
                'transaction': str(ds.TransactionUID),
                'committed': [[str(i.ReferencedSOPClassUID), str(i.ReferencedSOPInstanceUID)] for i in ds.get('ReferencedSOPSequence', [])],
                'failed': [[str(i.ReferencedSOPClassUID), str(i.ReferencedSOPInstanceUID), int(i.FailureReason)] for i in ds.get('FailedSOPSequence', [])],
                'keywords': sorted(e.keyword for e in ds),
            }
            got.set()
            return 0x0000, None
        ae = AE(ae_title='PYNET')
        ae.add_requested_context(SC)
        server = None; server_tls = None; client_tls = None
        ca = os.environ.get('SC_TLS_CA')
        if ca:
            cert, key = os.environ['SC_TLS_CERT'], os.environ['SC_TLS_KEY']
            server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH, cafile=ca)
            server_tls.verify_mode = ssl.CERT_REQUIRED; server_tls.load_cert_chain(cert, key)
            client_tls = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=ca)
            client_tls.check_hostname = False; client_tls.load_cert_chain(cert, key)
        if mode == 'new':
            ae.add_supported_context(SC, scu_role=False, scp_role=True)
            server = ae.start_server(('127.0.0.1', listen), block=False, evt_handlers=[(evt.EVT_N_EVENT_REPORT, on_report)], ssl_context=server_tls)
        assoc = ae.associate('127.0.0.1', port, ae_title='LIGHTBOX', evt_handlers=[(evt.EVT_N_EVENT_REPORT, on_report)], tls_args=(client_tls, None) if client_tls else None)
        assert assoc.is_established, 'not established'
        def request(transaction, items, action=1, instance='1.2.840.10008.1.20.1.1'):
            req = Dataset()
            if transaction: req.TransactionUID = transaction
            seq = []
            for c, i in items:
                item = Dataset(); item.ReferencedSOPClassUID = c; item.ReferencedSOPInstanceUID = i; seq.append(item)
            if items is not None: req.ReferencedSOPSequence = seq
            status, reply = assoc.send_n_action(req, action, SC, instance)
            return status.Status if status else None
        if mode == 'refusals':
            out['no_transaction'] = request(None, refs)
            out['empty_sequence'] = request('1.2.3.4.5', [])
            out['action_type_2'] = request('1.2.3.4.6', refs, action=2)
            out['other_instance'] = request('1.2.3.4.7', refs, instance='1.2.3')
            assoc.release()
        else:
            out['action'] = request('1.2.826.0.1.3680043.9.7.100', refs)
            if mode == 'same':
                out['report_arrived'] = got.wait(float(os.environ.get('SC_WAIT', '15')))
                assoc.release()
            else:
                assoc.release()
                out['report_arrived'] = got.wait(float(os.environ.get('SC_WAIT', '15')))
                server.shutdown()
        print(json.dumps(out))
        """#

    func run(
        port: Int, mode: String, listen: Int = 0, references: [ReferencedSOP], environment: [String: String]? = nil
    ) async throws -> [String: Any] {
        let result = try await Tool.run(
            "/usr/bin/env",
            ["python3", "-c", Self.script, "\(port)", mode, "\(listen)"]
                + references.flatMap { [$0.sopClassUID, $0.sopInstanceUID] }, timeout: 60, environment: environment)
        #expect(result.status == 0, "pynetdicom: \(result.all.suffix(2000))")
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] ?? [:]
    }

    @Test func resultOnTheSameAssociationWhenTheRequestorWaits() async throws {
        let handler = TestCommitment(archived: Set(Self.instances))
        try await withServer(handlers: ServiceHandlers(storageCommitment: handler)) { port, _ in
            let json = try await run(port: port, mode: "same", references: Self.instances)
            #expect(json["action"] as? Int == 0)
            #expect(json["report_arrived"] as? Bool == true)
            let report = try #require(json["report"] as? [String: Any], "no N-EVENT-REPORT: \(json)")
            #expect(report["on_acceptor_side"] as? Bool == false, "delivered on the request's association")
            #expect(report["event_type"] as? Int == 1)
            #expect(report["sop_class"] as? String == StorageCommitmentRequest.sopClassUID)
            #expect(report["sop_instance"] as? String == StorageCommitmentRequest.wellKnownInstanceUID)
            #expect(report["transaction"] as? String == "1.2.826.0.1.3680043.9.7.100")
            #expect(report["committed"] as? [[String]] == Self.instances.map { [$0.sopClassUID, $0.sopInstanceUID] })
            #expect(report["failed"] as? [[Any]] == nil || (report["failed"] as? [[Any]])?.isEmpty == true)
            #expect(report["keywords"] as? [String] == ["ReferencedSOPSequence", "TransactionUID"])
            let request = try #require(handler.requests.withLock { $0.first })
            #expect(request.references == Self.instances)
            #expect(request.association.callingAETitle == "PYNET")
        }
    }

    @Test func resultOnANewAssociationWithRoleSelectionAfterTheRequestorReleased() async throws {
        let listen = try Net.freePort()
        // The decision takes longer than the requestor stays, so the result must travel back on
        // an association the SCP opens, proposing the SCP role.
        let handler = TestCommitment(
            archived: Set(Self.instances.prefix(2)), delay: .milliseconds(500),
            requestor: MoveDestination(host: "127.0.0.1", port: listen, aeTitle: "PYNET"))
        try await withServer(handlers: ServiceHandlers(storageCommitment: handler)) { port, _ in
            let json = try await run(port: port, mode: "new", listen: listen, references: Self.instances)
            #expect(json["action"] as? Int == 0)
            #expect(json["report_arrived"] as? Bool == true)
            let report = try #require(json["report"] as? [String: Any], "no N-EVENT-REPORT: \(json)")
            #expect(report["on_acceptor_side"] as? Bool == true, "delivered on a new association")
            #expect(report["calling_ae"] as? String == "LIGHTBOX")
            // pynetdicom, the acceptor, plays SCU only: we were granted the SCP role.
            #expect(report["roles"] as? [Bool] == [true, false])
            #expect(report["event_type"] as? Int == 2)
            #expect(report["sop_instance"] as? String == StorageCommitmentRequest.wellKnownInstanceUID)
            #expect(report["transaction"] as? String == "1.2.826.0.1.3680043.9.7.100")
            #expect(
                report["committed"] as? [[String]]
                    == Self.instances.prefix(2).map { [$0.sopClassUID, $0.sopInstanceUID] })
            let failed = report["failed"] as? [[Any]] ?? []
            #expect(failed.count == 1)
            #expect(failed.first?[0] as? String == Self.ct)
            #expect(failed.first?[1] as? String == Self.instances[2].sopInstanceUID)
            #expect(failed.first?[2] as? Int == 0x0112)
            #expect(
                report["keywords"] as? [String] == ["FailedSOPSequence", "ReferencedSOPSequence", "TransactionUID"])
            #expect(handler.failures.withLock { $0 }.isEmpty)
        }
    }

    /// Over TLS both ways: pynetdicom requests over TLS, and the result's new association goes to
    /// its TLS listener with the server's outbound TLS context (both sides present certificates).
    @Test func resultOnANewTLSAssociation() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let listen = try Net.freePort()
        let handler = TestCommitment(
            archived: Set(Self.instances), delay: .milliseconds(500),
            requestor: MoveDestination(host: "127.0.0.1", port: listen, aeTitle: "PYNET"))
        let configuration = DICOMServerConfiguration(
            aeTitle: "LIGHTBOX",
            tls: try DICOMTLSConfiguration(
                certificatePath: pki.serverCertificate, privateKeyPath: pki.serverKey, trustRootsPath: pki.ca,
                requireClientCertificate: true
            ).serverContext(),
            outboundTLS: try DICOMTLSConfiguration(
                certificatePath: pki.serverCertificate, privateKeyPath: pki.serverKey, trustRootsPath: pki.ca
            ).clientContext())
        try await withConfiguredServer(configuration, handlers: ServiceHandlers(storageCommitment: handler)) {
            port, _ in
            let json = try await run(
                port: port, mode: "new", listen: listen, references: Self.instances,
                environment: [
                    "SC_TLS_CA": pki.ca, "SC_TLS_CERT": pki.clientCertificate, "SC_TLS_KEY": pki.clientKey,
                ])
            #expect(json["action"] as? Int == 0)
            #expect(json["report_arrived"] as? Bool == true, "\(json) \(handler.failures.withLock { $0 })")
            let report = try #require(json["report"] as? [String: Any], "no N-EVENT-REPORT: \(json)")
            #expect(report["on_acceptor_side"] as? Bool == true)
            #expect(report["event_type"] as? Int == 1)
            #expect(report["committed"] as? [[String]] == Self.instances.map { [$0.sopClassUID, $0.sopInstanceUID] })
        }
    }

    @Test func malformedRequestsGetTheStandardStatuses() async throws {
        let handler = TestCommitment(archived: [])
        try await withServer(handlers: ServiceHandlers(storageCommitment: handler)) { port, _ in
            let json = try await run(port: port, mode: "refusals", references: Self.instances)
            #expect(json["no_transaction"] as? Int == 0x0120)
            #expect(json["empty_sequence"] as? Int == 0x0121)
            #expect(json["action_type_2"] as? Int == 0x0123)
            #expect(json["other_instance"] as? Int == 0x0112)
            #expect(handler.requests.withLock { $0 }.isEmpty)
        }
    }

    @Test func undeliverableResultIsHandedBackToTheApplication() async throws {
        // No address for the requestor: the handler hears about it.
        let handler = TestCommitment(archived: Set(Self.instances), delay: .milliseconds(500))
        try await withServer(handlers: ServiceHandlers(storageCommitment: handler)) { port, _ in
            let json = try await run(
                port: port, mode: "new", listen: try Net.freePort(), references: Self.instances,
                environment: ["SC_WAIT": "3"])
            #expect(json["action"] as? Int == 0)
            #expect(json["report_arrived"] as? Bool == false)
            let deadline = ContinuousClock.now + .seconds(10)
            while handler.failures.withLock({ $0 }).isEmpty && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(handler.failures.withLock { $0 }.count == 1)
        }
    }

    /// The requestor's API of this library against our own SCP: request, then the result on the
    /// same association, decoded.
    @Test func ourClientRequestsCommitmentAndReadsTheResult() async throws {
        let handler = TestCommitment(archived: [Self.instances[0]])
        try await withServer(handlers: ServiceHandlers(storageCommitment: handler)) { port, _ in
            let association = try await DICOMClient().connect(
                host: "127.0.0.1", port: port,
                parameters: AssociationParameters(
                    callingAETitle: "MODALITY", calledAETitle: "LIGHTBOX",
                    proposals: [.init(abstractSyntax: StorageCommitmentRequest.sopClassUID)]))
            let request = StorageCommitmentRequest(
                association: AssociationInfo(callingAETitle: "MODALITY", calledAETitle: "LIGHTBOX", peerAddress: ""),
                transactionUID: "1.2.826.0.1.3680043.9.7.200", references: Array(Self.instances.prefix(2)))
            let response = try await association.requestStorageCommitment(request)
            #expect(response.status == .success)
            let report = try await association.receiveEventReport()
            #expect(report.eventTypeID == 2)
            #expect(report.sopInstanceUID == StorageCommitmentRequest.wellKnownInstanceUID)
            let result = try StorageCommitmentResult(eventInformation: try #require(report.information).dataSet())
            #expect(
                result
                    == StorageCommitmentResult(
                        transactionUID: "1.2.826.0.1.3680043.9.7.200", committed: [Self.instances[0]],
                        failed: [.init(instance: Self.instances[1], reason: .noSuchObjectInstance)]))
            try await association.release()
        }
    }

    @Test func eventInformationRoundTrips() throws {
        let result = StorageCommitmentResult(
            transactionUID: "1.2.3", committed: [Self.instances[0]],
            failed: [.init(instance: Self.instances[1], reason: .resourceLimitation)], retrieveAETitle: "ARCHIVE")
        #expect(result.eventTypeID == 2)
        let decoded = try StorageCommitmentResult(eventInformation: try result.eventInformation())
        #expect(decoded == result)
        let request = StorageCommitmentRequest(
            association: AssociationInfo(callingAETitle: "A", calledAETitle: "B", peerAddress: "127.0.0.1"),
            transactionUID: "1.2.4", references: Self.instances)
        #expect(
            try StorageCommitmentRequest(
                actionInformation: try request.actionInformation(), association: request.association)
                == request)
    }
}
