import ArgumentParser
import Foundation
import LightboxDomain
import LightboxServer

/// `lightbox user …`: sign-in accounts.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage sign-in accounts and API tokens.",
        subcommands: [UserAddCommand.self, UserListCommand.self, UserTokenCommand.self])
}

/// `lightbox user add <username> --role <role>`: prints the new API token as its last line.
struct UserAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create an account; prints its first API token as the last line.",
        discussion: "Roles: \(AccessRole.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var store: StoreOptions

    @Argument(help: "Username (lower-case letters, digits, '.', '-', '_').")
    var username: String

    @Option(name: .long, help: "The account's role.")
    var role: String

    @Option(
        name: .long,
        help: "Password for browser sign-in (at least 12 characters). Without it the account signs in with tokens only."
    )
    var password: String?

    @Option(name: .long, help: "Staff member this account acts as (UUID).")
    var staffId: String?

    @Option(name: .long, help: "Referrer this account requests as (UUID; required for the referrer role).")
    var referrerId: String?

    func run() async throws {
        guard let role = AccessRole(rawValue: role) else {
            throw ValidationError(
                "--role '\(self.role)' is not a role; use one of: \(AccessRole.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        var staffID: UUID?
        if let staffId {
            guard let parsed = UUID(uuidString: staffId) else {
                throw ValidationError("--staff-id '\(staffId)' is not a UUID.")
            }
            staffID = parsed
        }
        var referrerID: UUID?
        if let referrerId {
            guard let parsed = UUID(uuidString: referrerId) else {
                throw ValidationError("--referrer-id '\(referrerId)' is not a UUID.")
            }
            referrerID = parsed
        }
        let configuration = try ConfigurationLoader().load(store.flags)
        let admin = try await LightboxAdministration.open(
            configuration, logger: LightboxServer.makeLogger(level: configuration.logLevel))
        let created: (account: Account, token: String)
        do {
            created = try await admin.addUser(
                username: username, role: role, password: password, staffID: staffID, referrerID: referrerID)
        } catch let error as DomainError {
            await admin.close()
            throw ValidationError(error.description)
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
        print("Created account \(created.account.username) (role \(created.account.role.rawValue)).")
        print("API token (shown once; send as 'Authorization: Bearer <token>'):")
        print(created.token)
    }
}

/// `lightbox user list`.
struct UserListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List accounts.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let configuration = try ConfigurationLoader().load(store.flags)
        let admin = try await LightboxAdministration.open(
            configuration, logger: LightboxServer.makeLogger(level: configuration.logLevel))
        let accounts: [Account]
        do {
            accounts = try await admin.listUsers()
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
        let width = max(8, accounts.map(\.username.count).max() ?? 0)
        print(
            "USERNAME".padding(toLength: width, withPad: " ", startingAt: 0)
                + "  ROLE                    PASSWORD  STATUS")
        for account in accounts.sorted(by: { $0.username < $1.username }) {
            let role = account.role.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)
            print(
                account.username.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + role + "  "
                    + (account.passwordHash == nil ? "no " : "yes") + "       "
                    + (account.disabled ? "disabled" : "active"))
        }
    }
}

/// `lightbox user token <username>`: issues another API token, printed as the last line.
struct UserTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Issue a new API token for an account; prints it as the last line.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "Username.")
    var username: String

    @Option(name: .long, help: "A name for the token (which integration uses it).")
    var name: String = "cli"

    func run() async throws {
        let configuration = try ConfigurationLoader().load(store.flags)
        let admin = try await LightboxAdministration.open(
            configuration, logger: LightboxServer.makeLogger(level: configuration.logLevel))
        let token: String
        do {
            token = try await admin.issueToken(username: username, name: name)
        } catch let error as DomainError {
            await admin.close()
            throw ValidationError(error.description)
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
        print("API token for \(username) (shown once):")
        print(token)
    }
}
