import Foundation
import Hummingbird
import NIOCore

extension PageCall {
    /// A posted `multipart/form-data` form (a file upload), refused unless its `_csrf` part carries this session's
    /// token; at most the body limit is read.
    func multipartForm() async throws -> MultipartForm {
        let limit = environment.limits.maxBodyBytes
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem.bodyTooLarge(limit: limit)
        }
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? ""),
            let form = MultipartForm(Array(buffer.readableBytesView), boundary: boundary)
        else {
            throw Problem.malformedBody(
                "The upload could not be read: send a UTF-8 CSV file from the form on the catalogue page. "
                    + "Nothing was changed.")
        }
        guard CSRFToken.matches(form["_csrf"]?.text, secret: sessionSecret) else {
            throw PageRefusal.formTokenMissing
        }
        return form
    }
}
