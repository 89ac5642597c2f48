import DICOMNetwork
import LightboxDomain

/// The handlers the DICOM listener offers, one per service a peer may be allowed
/// (``DICOMService``). Each door's handlers are plugged in here by the composition root
/// (`DICOMServices.lightbox(...)`), and the listener offers each peer only the services its
/// peer entry allows (see ``handlers(allowing:)``).
public struct DICOMServices: Sendable {
    /// Verification, C-ECHO (PS3.4 Annex A).
    public var verification: (any VerificationHandler)?
    /// Storage SCP (PS3.4 Annex B).
    public var store: (any StoreHandler)?
    /// Query/Retrieve C-FIND, Patient and Study Root (PS3.4 Annex C).
    public var find: (any FindHandler)?
    /// Query/Retrieve C-MOVE (PS3.4 C.4.2).
    public var move: (any MoveHandler)?
    /// Query/Retrieve C-GET (PS3.4 C.4.3).
    public var get: (any GetHandler)?
    /// Modality Worklist C-FIND (PS3.4 Annex K).
    public var worklist: (any FindHandler)?
    /// Modality Performed Procedure Step N-CREATE/N-SET (PS3.4 Annex F).
    public var mpps: (any NServiceHandler)?
    /// Storage Commitment Push Model (PS3.4 Annex J).
    public var storageCommitment: (any StorageCommitmentHandler)?

    public init(
        verification: (any VerificationHandler)? = nil, store: (any StoreHandler)? = nil,
        find: (any FindHandler)? = nil, move: (any MoveHandler)? = nil, get: (any GetHandler)? = nil,
        worklist: (any FindHandler)? = nil, mpps: (any NServiceHandler)? = nil,
        storageCommitment: (any StorageCommitmentHandler)? = nil
    ) {
        self.verification = verification
        self.store = store
        self.find = find
        self.move = move
        self.get = get
        self.worklist = worklist
        self.mpps = mpps
        self.storageCommitment = storageCommitment
    }

    /// The library's handler set with only the `allowed` services: presentation contexts of any
    /// other service are rejected at negotiation (PS3.8 §9.3.3.2).
    public func handlers(allowing allowed: Set<DICOMService>) -> ServiceHandlers {
        let finders = [
            allowed.contains(.find) ? find : nil, allowed.contains(.worklist) ? worklist : nil,
        ].compactMap { $0 }
        return ServiceHandlers(
            verification: allowed.contains(.echo) ? verification : nil,
            store: allowed.contains(.store) ? store : nil,
            find: finders.isEmpty ? nil : (finders.count == 1 ? finders[0] : CompositeFindHandler(finders)),
            move: allowed.contains(.move) ? move : nil,
            get: allowed.contains(.get) ? get : nil,
            nServices: allowed.contains(.mpps) ? [mpps].compactMap { $0 } : [],
            storageCommitment: allowed.contains(.commit) ? storageCommitment : nil)
    }

    /// Every service offered (the server's full set, before a peer's permissions narrow it).
    public var allHandlers: ServiceHandlers { handlers(allowing: Set(DICOMService.allCases)) }
}
