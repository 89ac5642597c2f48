import Hummingbird
import LightboxDomain

/// The one shape of a page form's post: the form, checked against the session's token before anything of it is
/// read; the use case's command made from it; the use case; then 303 to the page that says it was done, or the
/// page again with the refusal and what was typed. The handler checks the permission (and reads any path id)
/// first, so a person whose role may not use the form is refused before the form is looked at.
extension PageCall {
    /// A form's command, or the problems the form itself shows against its fields.
    typealias ParsedForm<Command> = (Command?, [FieldProblem])

    /// Posts `parse`'s command to `run`, which returns where to go once it is done. A command `parse` cannot make
    /// is refused as failed validation naming its problems, the same as the use case's own refusal.
    func submit<Command>(
        showing shown: ShownRefusals = .namingFields,
        parse: (FormBody) async throws -> ParsedForm<Command>,
        run: (Command) async throws -> String,
        again: (FormBody, DomainError) async throws -> Response
    ) async throws -> Response {
        let form = try await form()
        let (command, problems) = try await parse(form)
        return try await attempt(form, showing: shown, again: again) {
            guard let command else { throw DomainError(.validationFailed, "", fields: problems) }
            return try await run(command)
        }
    }

    /// Posts the form to `run`, which reads the form itself (refusing what it cannot read with failed validation)
    /// and returns where to go once it is done.
    func submit(
        showing shown: ShownRefusals = .namingFields,
        run: (FormBody) async throws -> String,
        again: (FormBody, DomainError) async throws -> Response
    ) async throws -> Response {
        let form = try await form()
        return try await attempt(form, showing: shown, again: again) { try await run(form) }
    }

    private func attempt(
        _ form: FormBody, showing shown: ShownRefusals, again: (FormBody, DomainError) async throws -> Response,
        _ run: () async throws -> String
    ) async throws -> Response {
        do {
            return redirect(try await run())
        } catch let error as DomainError where shown.shows(error) {
            return try await again(form, error)
        }
    }
}
