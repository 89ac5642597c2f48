import DICOM

/// The outcome of a storage commitment request, sent as the N-EVENT-REPORT of PS3.4 J.3.3:
/// Event Type ID 1 when every instance is committed, 2 when some failed.
public struct StorageCommitmentResult: Sendable, Equatable {
    /// Transaction UID (0008,1195) of the request this answers.
    public var transactionUID: String
    /// Instances whose safekeeping the SCP commits to (Referenced SOP Sequence (0008,1199)).
    public var committed: [ReferencedSOP]
    /// Instances it does not commit to, each with its Failure Reason (Failed SOP Sequence (0008,1198)).
    public var failed: [Failure]
    /// Retrieve AE Title (0008,0054) where the committed instances can be retrieved, if given.
    public var retrieveAETitle: String?

    /// One instance not committed, PS3.4 J.3.3.1.
    public struct Failure: Sendable, Hashable {
        public var instance: ReferencedSOP
        public var reason: Reason
        public init(instance: ReferencedSOP, reason: Reason) {
            self.instance = instance
            self.reason = reason
        }
    }

    /// Failure Reason (0008,1197) values, PS3.4 J.3.3.1.
    public struct Reason: RawRepresentable, Sendable, Hashable {
        public var rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        /// A general failure in processing the operation.
        public static let processingFailure = Reason(rawValue: 0x0110)
        /// The instance is not known to the SCP (never received).
        public static let noSuchObjectInstance = Reason(rawValue: 0x0112)
        /// The SCP cannot take on the commitment for lack of resources.
        public static let resourceLimitation = Reason(rawValue: 0x0213)
        /// The SCP does not support the instance's SOP class.
        public static let referencedSOPClassNotSupported = Reason(rawValue: 0x0122)
        /// The SOP class and instance do not match what the SCP holds.
        public static let classInstanceConflict = Reason(rawValue: 0x0119)
        /// The Transaction UID was already used.
        public static let duplicateTransactionUID = Reason(rawValue: 0x0131)
    }

    public init(
        transactionUID: String, committed: [ReferencedSOP], failed: [Failure] = [], retrieveAETitle: String? = nil
    ) {
        self.transactionUID = transactionUID
        self.committed = committed
        self.failed = failed
        self.retrieveAETitle = retrieveAETitle
    }

    /// Event Type ID: 1 "Storage Commitment Request Successful", 2 "… Complete - Failures Exist".
    public var eventTypeID: UInt16 { failed.isEmpty ? 1 : 2 }

    /// The Event Information data set (PS3.4 Table J.3-2): the Referenced SOP Sequence only when
    /// something was committed, the Failed SOP Sequence only when something failed.
    public func eventInformation() throws -> DataSet {
        var dataSet = DataSet()
        do {
            try dataSet.set(.transactionUID, string: transactionUID)
            if let retrieveAETitle { try dataSet.set(.retrieveAETitle, string: retrieveAETitle) }
            if !committed.isEmpty {
                dataSet.set(.referencedSOPSequence, sequence: try committed.map { try $0.item() })
            }
            if !failed.isEmpty {
                dataSet.set(
                    .failedSOPSequence,
                    sequence: try failed.map { failure in
                        var item = try failure.instance.item()
                        try item.set(.failureReason, vr: .US, int: Int(failure.reason.rawValue))
                        return item
                    })
            }
        } catch {
            throw DICOMNetworkError(.invalidDataSet, "storage commitment result: \(error)")
        }
        return dataSet
    }

    /// Reads an Event Information data set (the requestor's side of PS3.4 J.3.3).
    public init(eventInformation dataSet: DataSet) throws {
        guard let transaction = dataSet.string(.transactionUID), !transaction.isEmpty else {
            throw DICOMNetworkError(.invalidDataSet, "storage commitment result without Transaction UID (0008,1195)")
        }
        func reference(_ item: DataSet) throws -> ReferencedSOP {
            guard let sopClass = item.string(.referencedSOPClassUID),
                let sopInstance = item.string(.referencedSOPInstanceUID)
            else {
                throw DICOMNetworkError(.invalidDataSet, "storage commitment result item without SOP class or instance")
            }
            return ReferencedSOP(sopClassUID: sopClass, sopInstanceUID: sopInstance)
        }
        self.init(
            transactionUID: transaction,
            committed: try (dataSet.sequence(.referencedSOPSequence) ?? []).map(reference),
            failed: try (dataSet.sequence(.failedSOPSequence) ?? []).map { item in
                Failure(
                    instance: try reference(item),
                    reason: Reason(rawValue: UInt16(clamping: item.int(.failureReason) ?? 0x0110)))
            },
            retrieveAETitle: dataSet.string(.retrieveAETitle))
    }
}
