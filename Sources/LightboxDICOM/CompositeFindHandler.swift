import DICOMNetwork

/// Several C-FIND services behind the library's one find handler (Query/Retrieve and Modality
/// Worklist): each request goes to the handler of its SOP class.
struct CompositeFindHandler: FindHandler {
    let handlers: [any FindHandler]

    init(_ handlers: [any FindHandler]) {
        self.handlers = handlers
    }

    var sopClassUIDs: [String] { handlers.flatMap(\.sopClassUIDs) }

    func find(_ request: QueryRequest, respond: (EncodedDataSet) async throws -> Void) async throws -> DIMSEStatus {
        guard let handler = handlers.first(where: { $0.sopClassUIDs.contains(request.sopClassUID) }) else {
            return .sopClassNotSupported
        }
        return try await handler.find(request, respond: respond)
    }
}
