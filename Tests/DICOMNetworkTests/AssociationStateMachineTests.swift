import Testing

@testable import DICOMNetwork

/// PS3.8 Table 9-10 transcribed a second time, as the grid printed in the standard (one row per
/// event, columns Sta1…Sta13, "-" where the table is blank), and checked cell by cell against the
/// machine: one test case per table entry.
@Suite struct AssociationStateMachineTests {
    static let grid: [AssociationEvent: [String]] = [
        //       Sta1    Sta2    Sta3    Sta4    Sta5    Sta6    Sta7    Sta8    Sta9    Sta10   Sta11   Sta12   Sta13
        .evt1: ["AE-1", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"],
        .evt2: ["-", "-", "-", "AE-2", "-", "-", "-", "-", "-", "-", "-", "-", "-"],
        .evt3: ["-", "AA-1", "AA-8", "-", "AE-3", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-6"],
        .evt4: ["-", "AA-1", "AA-8", "-", "AE-4", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-6"],
        .evt5: ["AE-5", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"],
        .evt6: ["-", "AE-6", "AA-8", "-", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-7"],
        .evt7: ["-", "-", "AE-7", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"],
        .evt8: ["-", "-", "AE-8", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"],
        .evt9: ["-", "-", "-", "-", "-", "DT-1", "-", "AR-7", "-", "-", "-", "-", "-"],
        .evt10: ["-", "AA-1", "AA-8", "-", "AA-8", "DT-2", "AR-6", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-6"],
        .evt11: ["-", "-", "-", "-", "-", "AR-1", "-", "-", "-", "-", "-", "-", "-"],
        .evt12: ["-", "AA-1", "AA-8", "-", "AA-8", "AR-2", "AR-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-6"],
        .evt13: ["-", "AA-1", "AA-8", "-", "AA-8", "AA-8", "AR-3", "AA-8", "AA-8", "AR-10", "AR-3", "AA-8", "AA-6"],
        .evt14: ["-", "-", "-", "-", "-", "-", "-", "AR-4", "AR-9", "-", "-", "AR-4", "-"],
        .evt15: ["-", "-", "AA-1", "AA-2", "AA-1", "AA-1", "AA-1", "AA-1", "AA-1", "AA-1", "AA-1", "AA-1", "-"],
        .evt16: ["-", "AA-2", "AA-3", "-", "AA-3", "AA-3", "AA-3", "AA-3", "AA-3", "AA-3", "AA-3", "AA-3", "AA-2"],
        .evt17: ["-", "AA-5", "AA-4", "AA-4", "AA-4", "AA-4", "AA-4", "AA-4", "AA-4", "AA-4", "AA-4", "AA-4", "AR-5"],
        .evt18: ["-", "AA-2", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "AA-2"],
        .evt19: ["-", "AA-1", "AA-8", "-", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-7"],
    ]

    /// Next state of each action, PS3.8 Tables 9-6…9-9 (AE-6 and AR-8 depend on context).
    static let next: [String: Int] = [
        "AE-1": 4, "AE-2": 5, "AE-3": 6, "AE-4": 1, "AE-5": 2, "AE-7": 6, "AE-8": 13, "DT-1": 6, "DT-2": 6,
        "AR-1": 7, "AR-2": 8, "AR-3": 1, "AR-4": 13, "AR-5": 1, "AR-6": 7, "AR-7": 8, "AR-9": 11, "AR-10": 12,
        "AA-1": 13, "AA-2": 1, "AA-3": 1, "AA-4": 1, "AA-5": 1, "AA-6": 13, "AA-7": 13, "AA-8": 13,
    ]

    struct Entry: Sendable, CustomTestStringConvertible {
        var event: AssociationEvent
        var state: AssociationState
        var testDescription: String { "\(event) in \(state)" }
    }

    static let entries: [Entry] = AssociationEvent.allCases.flatMap { event in
        AssociationState.allCases.map { Entry(event: event, state: $0) }
    }

    @Test(arguments: entries)
    func tableEntry(_ entry: Entry) throws {
        let expected = try #require(Self.grid[entry.event])[entry.state.rawValue - 1]
        let action = AssociationStateMachine.action(for: entry.event, in: entry.state)
        #expect((action?.rawValue ?? "-") == expected)
        var machine = AssociationStateMachine(role: .acceptor, state: entry.state)
        let transition = machine.handle(entry.event)
        if expected == "-" {
            #expect(transition == nil)
            #expect(machine.state == entry.state)
        } else if let nextState = Self.next[expected] {
            #expect(transition?.nextState.rawValue == nextState)
            #expect(machine.state.rawValue == nextState)
        }
    }

    @Test func ae6DependsOnAcceptability() {
        var accepting = AssociationStateMachine(role: .acceptor, state: .sta2)
        #expect(accepting.handle(.evt6, acceptable: true)?.nextState == .sta3)
        var refusing = AssociationStateMachine(role: .acceptor, state: .sta2)
        #expect(refusing.handle(.evt6, acceptable: false)?.nextState == .sta13)
    }

    @Test func ar8DependsOnRole() {
        var requestor = AssociationStateMachine(role: .requestor, state: .sta7)
        #expect(requestor.handle(.evt12)?.nextState == .sta9)
        var acceptor = AssociationStateMachine(role: .acceptor, state: .sta7)
        #expect(acceptor.handle(.evt12)?.nextState == .sta10)
    }

    @Test func fullRequestorLifecycle() {
        var m = AssociationStateMachine(role: .requestor)
        let steps: [(AssociationEvent, AssociationState)] = [
            (.evt1, .sta4), (.evt2, .sta5), (.evt3, .sta6), (.evt9, .sta6), (.evt10, .sta6), (.evt11, .sta7),
            (.evt13, .sta1),
        ]
        for (event, state) in steps {
            _ = m.handle(event)
            #expect(m.state == state, "after \(event)")
        }
    }
}
