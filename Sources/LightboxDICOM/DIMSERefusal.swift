import LightboxDomain

/// A domain error on its way to a DIMSE response: the library answers a thrown error with 0xC000 (unable to
/// process) and puts the error's description, cut to 64 characters, in Error Comment (0000,0902); this makes that
/// comment the message a person can act on rather than the error's code.
struct DIMSERefusal: Error, CustomStringConvertible {
    let error: DomainError

    init(_ error: DomainError) { self.error = error }

    var description: String {
        error.fields.first.map { "\($0.field): \($0.problem)" } ?? error.message
    }
}
