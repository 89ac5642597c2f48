import DICOM

/// A storage commitment request: the N-ACTION (Action Type ID 1, "Request Storage Commitment")
/// of the Storage Commitment Push Model, PS3.4 J.3.2.
public struct StorageCommitmentRequest: Sendable, Equatable {
    /// Storage Commitment Push Model SOP Class, PS3.4 J.3.
    public static let sopClassUID = "1.2.840.10008.1.20.1"
    /// The well-known SOP instance every N-ACTION and N-EVENT-REPORT addresses, PS3.4 J.3.5.
    public static let wellKnownInstanceUID = "1.2.840.10008.1.20.1.1"
    /// Action Type ID of a commitment request (PS3.4 Table J.3-1).
    public static let actionTypeID: UInt16 = 1

    /// Who asked (the requestor's AE title is where a result on a new association goes).
    public var association: AssociationInfo
    /// Transaction UID (0008,1195): pairs the request with its result.
    public var transactionUID: String
    /// The instances whose safekeeping is requested, from the Referenced SOP Sequence (0008,1199).
    public var references: [ReferencedSOP]
    /// Storage Media File-Set ID (0088,0130) and UID (0088,0140), when the requestor named media.
    public var storageMediaFileSetID: String?
    public var storageMediaFileSetUID: String?

    public init(
        association: AssociationInfo, transactionUID: String, references: [ReferencedSOP],
        storageMediaFileSetID: String? = nil, storageMediaFileSetUID: String? = nil
    ) {
        self.association = association
        self.transactionUID = transactionUID
        self.references = references
        self.storageMediaFileSetID = storageMediaFileSetID
        self.storageMediaFileSetUID = storageMediaFileSetUID
    }

    /// Why an Action Information data set cannot be a commitment request: the N-ACTION status to
    /// answer (PS3.4 J.3.2.1.2 with the PS3.7 §10.1.4.1.10 codes) and a comment.
    public struct Refusal: Error, Sendable, Equatable {
        public var status: DIMSEStatus
        public var comment: String
    }

    /// Reads the Action Information (PS3.4 Table J.3-1).
    public init(actionInformation dataSet: DataSet, association: AssociationInfo) throws(Refusal) {
        guard let transaction = dataSet.string(.transactionUID), !transaction.isEmpty else {
            throw Refusal(status: .missingAttribute, comment: "Transaction UID (0008,1195) missing")
        }
        guard let items = dataSet.sequence(.referencedSOPSequence) else {
            throw Refusal(status: .missingAttribute, comment: "Referenced SOP Sequence (0008,1199) missing")
        }
        guard !items.isEmpty else {
            throw Refusal(status: .missingAttributeValue, comment: "Referenced SOP Sequence (0008,1199) empty")
        }
        var references: [ReferencedSOP] = []
        for (index, item) in items.enumerated() {
            guard let sopClass = item.string(.referencedSOPClassUID), !sopClass.isEmpty,
                let sopInstance = item.string(.referencedSOPInstanceUID), !sopInstance.isEmpty
            else {
                throw Refusal(
                    status: .missingAttributeValue,
                    comment: "Referenced SOP Sequence item \(index + 1) lacks its SOP class or instance UID")
            }
            references.append(ReferencedSOP(sopClassUID: sopClass, sopInstanceUID: sopInstance))
        }
        self.init(
            association: association, transactionUID: transaction, references: references,
            storageMediaFileSetID: dataSet.string(.storageMediaFileSetID),
            storageMediaFileSetUID: dataSet.string(.storageMediaFileSetUID))
    }

    /// The Action Information data set (for a requestor built on this library).
    public func actionInformation() throws -> DataSet {
        var dataSet = DataSet()
        do {
            try dataSet.set(.transactionUID, string: transactionUID)
            if let storageMediaFileSetID { try dataSet.set(.storageMediaFileSetID, string: storageMediaFileSetID) }
            if let storageMediaFileSetUID { try dataSet.set(.storageMediaFileSetUID, string: storageMediaFileSetUID) }
            dataSet.set(.referencedSOPSequence, sequence: try references.map { try $0.item() })
        } catch {
            throw DICOMNetworkError(.invalidDataSet, "storage commitment request: \(error)")
        }
        return dataSet
    }
}
