import NIOCore

/// The matches of a C-FIND (PS3.7 §9.1.2) as they arrive: each pending response's identifier.
/// The request is sent when iteration starts; after the loop, ``finalStatus`` holds the final
/// status. A failure status throws `.failureStatus` naming it.
public final class FindResponses: AsyncSequence {
    public typealias Element = EncodedDataSet

    private let association: Association
    private let sopClassUID: String
    private let identifier: EncodedDataSet
    private let priority: DIMSEPriority
    private var messageID: UInt16?
    private var context: PresentationContext?
    private var finished = false
    /// The final response's status, once received.
    public private(set) var finalStatus: DIMSEStatus?
    /// The final response command set, once received.
    public private(set) var finalResponse: CommandSet?

    init(association: Association, sopClassUID: String, identifier: EncodedDataSet, priority: DIMSEPriority) {
        self.association = association
        self.sopClassUID = sopClassUID
        self.identifier = identifier
        self.priority = priority
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let responses: FindResponses
        public mutating func next() async throws -> EncodedDataSet? { try await responses.nextMatch() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(responses: self) }

    /// Sends C-CANCEL-RQ; the peer then ends with a Cancel (FE00) final response.
    public func cancel() async throws {
        guard let messageID, let context, !finished else { return }
        try await association.cancel(messageID: messageID, context: context.id)
    }

    /// Collects every match.
    public func collect() async throws -> [EncodedDataSet] {
        var all: [EncodedDataSet] = []
        for try await match in self { all.append(match) }
        return all
    }

    func nextMatch() async throws -> EncodedDataSet? {
        if finished { return nil }
        if messageID == nil {
            let pc = try association.requireContext(sopClassUID, transferSyntax: identifier.transferSyntaxUID)
            let id = association.nextMessageID()
            messageID = id
            context = pc
            try await association.send(
                .cFindRQ(messageID: id, sopClassUID: sopClassUID, priority: priority),
                dataSet: .buffer(identifier.bytes), context: pc.id)
        }
        guard let messageID else { return nil }
        while true {
            let (rsp, context) = try await association.receiveResponse(to: messageID)
            let status = rsp.status ?? .processingFailure
            if status.isPending {
                guard rsp.hasDataSet else { continue }
                let data = try await association.receiveDataSet()
                return EncodedDataSet(bytes: data, transferSyntaxUID: context.transferSyntax)
            }
            try await association.drainDataSet()
            finished = true
            finalStatus = status
            finalResponse = rsp
            if status.category == .failure {
                throw DICOMNetworkError(
                    .failureStatus, "C-FIND failed with status \(status)" + (rsp.errorComment.map { ": \($0)" } ?? ""))
            }
            return nil
        }
    }
}
