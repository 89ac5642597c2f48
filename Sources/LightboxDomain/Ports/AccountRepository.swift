import Foundation

/// Sign-in records: accounts, API tokens (stored as hashes only) and browser sessions.
public protocol AccountRepository: Sendable {
    func create(_ account: Account) async throws
    func update(_ account: Account) async throws
    func find(username: String) async throws -> Account?
    func find(id: UUID) async throws -> Account?
    func list() async throws -> [Account]
    func addToken(_ token: APIToken) async throws
    func findToken(hash: String) async throws -> APIToken?
    func tokens(accountID: UUID) async throws -> [APIToken]
    func revokeToken(id: UUID, at: Date) async throws
    func saveSession(_ session: BrowserSession) async throws
    func findSession(idHash: String) async throws -> BrowserSession?
    func deleteSession(idHash: String) async throws
}
