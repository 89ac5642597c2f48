import Foundation
import NIOCore

/// Verification SCP, PS3.4 Annex A.
public protocol VerificationHandler: Sendable {
    /// The C-ECHO status to answer.
    func echo(_ info: AssociationInfo) async -> DIMSEStatus
}

/// Storage SCP, PS3.4 Annex B. The data set arrives as fragments to write out as they come.
public protocol StoreHandler: Sendable {
    /// Whether the SOP class may be stored (drives presentation-context acceptance).
    func accepts(sopClassUID: String) -> Bool
    /// Transfer syntaxes accepted, in preference order; nil accepts whatever the peer proposes
    /// first (the data set is then kept exactly as sent).
    var transferSyntaxes: [String]? { get }
    /// Stores one instance; thrown errors answer 0xC000 (cannot understand) naming the error.
    func store(_ request: StoreRequest, dataSet: DataSetFragments) async throws -> DIMSEStatus
    /// Stores one instance and says why in the Error Comment (0000,0902) of a status other than
    /// Success (PS3.7 §9.1.1.1.9). The default calls ``store(_:dataSet:)`` and gives no comment.
    func storeInstance(_ request: StoreRequest, dataSet: DataSetFragments) async throws -> StoreResult
}

/// A C-STORE status with the Error Comment that explains it (sent only with a non-Success status).
public struct StoreResult: Sendable, Equatable {
    public var status: DIMSEStatus
    public var errorComment: String?
    public init(status: DIMSEStatus, errorComment: String? = nil) {
        self.status = status
        self.errorComment = errorComment
    }
}

extension StoreHandler {
    /// Every storage SOP class (``StorageSOPClasses``, PS3.4 Table B.5-1), and none of the
    /// query/retrieve or procedure step classes that share their UID roots.
    public func accepts(sopClassUID: String) -> Bool {
        StorageSOPClasses.contains(sopClassUID)
    }
    public var transferSyntaxes: [String]? { nil }

    public func storeInstance(_ request: StoreRequest, dataSet: DataSetFragments) async throws -> StoreResult {
        StoreResult(status: try await store(request, dataSet: dataSet))
    }
}

/// One incoming C-STORE, PS3.7 §9.1.1.
public struct StoreRequest: Sendable, Equatable {
    public var association: AssociationInfo
    public var messageID: UInt16
    public var sopClassUID: String
    public var sopInstanceUID: String
    public var transferSyntaxUID: String
    public var priority: DIMSEPriority
    /// Set when the store is a sub-operation of someone's C-MOVE.
    public var moveOriginatorAETitle: String?
    public var moveOriginatorMessageID: UInt16?
}

/// A C-FIND, C-MOVE or C-GET request with its identifier, PS3.7 §9.1.2-9.1.4.
public struct QueryRequest: Sendable, Equatable {
    public var association: AssociationInfo
    public var messageID: UInt16
    public var sopClassUID: String
    public var priority: DIMSEPriority
    /// The identifier, in the transfer syntax of the presentation context.
    public var identifier: EncodedDataSet
    /// A C-MOVE's Move Destination (0000,0600); nil for C-FIND and C-GET.
    public var moveDestination: String? = nil
}

/// Query SCP (Q/R, modality worklist…), PS3.4 Annex C and K.
public protocol FindHandler: Sendable {
    /// The information models answered (e.g. Study Root FIND, Modality Worklist FIND).
    var sopClassUIDs: [String] { get }
    /// Calls `respond` once per match (identifier in `request.identifier.transferSyntaxUID`) and
    /// returns the final status. `respond` throws when the peer sent C-CANCEL; let it propagate.
    func find(_ request: QueryRequest, respond: (EncodedDataSet) async throws -> Void) async throws -> DIMSEStatus
}

/// An instance to send in a C-MOVE or C-GET sub-operation.
public struct StoreItem: Sendable, Equatable {
    public var source: DataSetSource
    public var sopClassUID: String
    public var sopInstanceUID: String
    public var transferSyntaxUID: String

    public init(source: DataSetSource, sopClassUID: String, sopInstanceUID: String, transferSyntaxUID: String) {
        self.source = source
        self.sopClassUID = sopClassUID
        self.sopInstanceUID = sopInstanceUID
        self.transferSyntaxUID = transferSyntaxUID
    }

    /// Whether the bytes can be sent: a file source must exist and be readable (one lost file fails its own
    /// sub-operation, not the retrieve).
    public var isReadable: Bool {
        guard case .file(let path, _) = source else { return true }
        return FileManager.default.isReadableFile(atPath: path)
    }

    /// A Part 10 file (its header is read to fill the UIDs).
    public init(file path: String) throws {
        let header = try Part10Header.read(path: path)
        self.init(
            source: .file(path: path, offset: header.dataSetOffset), sopClassUID: header.mediaStorageSOPClassUID,
            sopInstanceUID: header.mediaStorageSOPInstanceUID, transferSyntaxUID: header.transferSyntaxUID)
    }
}

/// Where a C-MOVE destination AE title points.
public struct MoveDestination: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var aeTitle: String
    public init(host: String, port: Int, aeTitle: String) {
        self.host = host
        self.port = port
        self.aeTitle = aeTitle
    }
}

/// Retrieve SCP by C-MOVE, PS3.4 Annex C.4.2: the library opens the association to the
/// destination and performs the C-STORE sub-operations.
public protocol MoveHandler: Sendable {
    var sopClassUIDs: [String] { get }
    /// The address of a destination AE title; nil answers 0xA801 (move destination unknown).
    func destination(aeTitle: String, request: QueryRequest) async -> MoveDestination?
    /// The instances matching the identifier.
    func instances(for request: QueryRequest) async throws -> [StoreItem]
}

/// Retrieve SCP by C-GET, PS3.4 Annex C.4.3: sub-operations go back on the same association.
public protocol GetHandler: Sendable {
    var sopClassUIDs: [String] { get }
    func instances(for request: QueryRequest) async throws -> [StoreItem]
}

/// A DIMSE-N request, PS3.7 §10.1.
public struct NServiceRequest: Sendable, Equatable {
    public var association: AssociationInfo
    public var command: CommandSet
    public var commandField: CommandField
    public var sopClassUID: String
    /// Affected/requested SOP instance (absent in an N-CREATE that lets the SCP choose).
    public var sopInstanceUID: String?
    public var dataSet: EncodedDataSet?
    public var transferSyntaxUID: String
}

/// An N-EVENT-REPORT the SCP sends after answering (e.g. storage commitment results).
public struct NEventReport: Sendable, Equatable {
    public var sopClassUID: String
    public var sopInstanceUID: String
    public var eventTypeID: UInt16
    public var information: EncodedDataSet?
    public init(sopClassUID: String, sopInstanceUID: String, eventTypeID: UInt16, information: EncodedDataSet?) {
        self.sopClassUID = sopClassUID
        self.sopInstanceUID = sopInstanceUID
        self.eventTypeID = eventTypeID
        self.information = information
    }
}

/// The handler's answer to a DIMSE-N request.
public struct NServiceReply: Sendable, Equatable {
    public var response: NServiceResponse
    /// Event reports to send on the same association once the response is out.
    public var eventReports: [NEventReport]
    public init(response: NServiceResponse, eventReports: [NEventReport] = []) {
        self.response = response
        self.eventReports = eventReports
    }
}

/// DIMSE-N SCP for some SOP classes (MPPS, storage commitment, …): N-CREATE, N-SET, N-GET,
/// N-ACTION, N-EVENT-REPORT, N-DELETE, PS3.7 §10.
public protocol NServiceHandler: Sendable {
    var sopClassUIDs: [String] { get }
    func handle(_ request: NServiceRequest) async throws -> NServiceReply
}

/// The handlers a server offers; presentation contexts are accepted for exactly these.
public struct ServiceHandlers: Sendable {
    public var verification: (any VerificationHandler)?
    public var store: (any StoreHandler)?
    public var find: (any FindHandler)?
    public var move: (any MoveHandler)?
    public var get: (any GetHandler)?
    public var nServices: [any NServiceHandler]
    /// Storage Commitment Push Model SCP (PS3.4 Annex J); takes precedence over an N-service
    /// handler registered for the same SOP class.
    public var storageCommitment: (any StorageCommitmentHandler)?

    public init(
        verification: (any VerificationHandler)? = nil, store: (any StoreHandler)? = nil,
        find: (any FindHandler)? = nil, move: (any MoveHandler)? = nil, get: (any GetHandler)? = nil,
        nServices: [any NServiceHandler] = [], storageCommitment: (any StorageCommitmentHandler)? = nil
    ) {
        self.verification = verification
        self.store = store
        self.find = find
        self.move = move
        self.get = get
        self.nServices = nServices
        self.storageCommitment = storageCommitment
    }
}

/// Answers every C-ECHO with Success.
public struct AlwaysSuccessVerification: VerificationHandler {
    public init() {}
    public func echo(_ info: AssociationInfo) async -> DIMSEStatus { .success }
}
