/// The DICOM Upper Layer protocol machine as a value: the state transition table of PS3.8 §9.2.3
/// (Table 9-10) plus the current state. Feeding it an event returns the action to perform and moves
/// to the next state; performing the action (sending PDUs, timers, closing) is the caller's job.
public struct AssociationStateMachine: Sendable, Equatable {
    /// Which side opened the association; it decides AR-8's next state.
    public enum Role: Sendable, Equatable {
        case requestor
        case acceptor
    }

    /// The outcome of one event.
    public struct Transition: Sendable, Equatable {
        public var action: AssociationAction
        public var nextState: AssociationState
    }

    public private(set) var state: AssociationState
    public let role: Role

    public init(role: Role, state: AssociationState = .sta1) {
        self.role = role
        self.state = state
    }

    /// Applies an event. Returns nil (and stays put) when the table has no entry: PS3.8 leaves
    /// those combinations undefined, which for a local primitive means the request is refused.
    /// - Parameter acceptable: for AE-6 only: whether the received A-ASSOCIATE-RQ is acceptable.
    public mutating func handle(_ event: AssociationEvent, acceptable: Bool = true) -> Transition? {
        guard let action = Self.action(for: event, in: state) else { return nil }
        let next = Self.nextState(after: action, role: role, acceptable: acceptable)
        state = next
        return Transition(action: action, nextState: next)
    }

    /// The table entry for (event, state), PS3.8 Table 9-10; nil where the table is blank.
    public static func action(for event: AssociationEvent, in state: AssociationState) -> AssociationAction? {
        // Sta6-Sta12, where an association exists: the table fills those columns alike for several
        // events. A range test, not a Set built on every call (this runs twice per PDU).
        let established = (AssociationState.sta6.rawValue...AssociationState.sta12.rawValue).contains(state.rawValue)
        switch event {
        case .evt1:
            return state == .sta1 ? .ae1 : nil
        case .evt2:
            return state == .sta4 ? .ae2 : nil
        case .evt3, .evt4:
            switch state {
            case .sta2: return .aa1
            case .sta5: return event == .evt3 ? .ae3 : .ae4
            case .sta13: return .aa6
            case .sta3: return .aa8
            default: return established ? .aa8 : nil
            }
        case .evt5:
            return state == .sta1 ? .ae5 : nil
        case .evt6:
            switch state {
            case .sta2: return .ae6
            case .sta3, .sta5: return .aa8
            case .sta13: return .aa7
            default: return established ? .aa8 : nil
            }
        case .evt7:
            return state == .sta3 ? .ae7 : nil
        case .evt8:
            return state == .sta3 ? .ae8 : nil
        case .evt9:
            switch state {
            case .sta6: return .dt1
            case .sta8: return .ar7
            default: return nil
            }
        case .evt10:
            switch state {
            case .sta2: return .aa1
            case .sta6: return .dt2
            case .sta7: return .ar6
            case .sta13: return .aa6
            case .sta3, .sta5: return .aa8
            default: return established ? .aa8 : nil
            }
        case .evt11:
            return state == .sta6 ? .ar1 : nil
        case .evt12:
            switch state {
            case .sta2: return .aa1
            case .sta6: return .ar2
            case .sta7: return .ar8
            case .sta13: return .aa6
            case .sta3, .sta5: return .aa8
            default: return established ? .aa8 : nil
            }
        case .evt13:
            switch state {
            case .sta2: return .aa1
            case .sta7, .sta11: return .ar3
            case .sta10: return .ar10
            case .sta13: return .aa6
            case .sta3, .sta5: return .aa8
            default: return established ? .aa8 : nil
            }
        case .evt14:
            switch state {
            case .sta8, .sta12: return .ar4
            case .sta9: return .ar9
            default: return nil
            }
        case .evt15:
            switch state {
            case .sta3, .sta5: return .aa1
            case .sta4: return .aa2
            default: return established ? .aa1 : nil
            }
        case .evt16:
            switch state {
            case .sta2, .sta13: return .aa2
            case .sta3, .sta5: return .aa3
            default: return established ? .aa3 : nil
            }
        case .evt17:
            switch state {
            case .sta2: return .aa5
            case .sta3, .sta4, .sta5: return .aa4
            case .sta13: return .ar5
            default: return established ? .aa4 : nil
            }
        case .evt18:
            switch state {
            case .sta2, .sta13: return .aa2
            default: return nil
            }
        case .evt19:
            switch state {
            case .sta2: return .aa1
            case .sta13: return .aa7
            case .sta3, .sta5: return .aa8
            default: return established ? .aa8 : nil
            }
        }
    }

    /// The state each action leads to, PS3.8 Tables 9-6 to 9-9.
    public static func nextState(after action: AssociationAction, role: Role, acceptable: Bool) -> AssociationState {
        switch action {
        case .ae1: .sta4
        case .ae2: .sta5
        case .ae3: .sta6
        case .ae4: .sta1
        case .ae5: .sta2
        case .ae6: acceptable ? .sta3 : .sta13
        case .ae7: .sta6
        case .ae8: .sta13
        case .dt1, .dt2: .sta6
        case .ar1: .sta7
        case .ar2: .sta8
        case .ar3: .sta1
        case .ar4: .sta13
        case .ar5: .sta1
        case .ar6: .sta7
        case .ar7: .sta8
        case .ar8: role == .requestor ? .sta9 : .sta10
        case .ar9: .sta11
        case .ar10: .sta12
        case .aa1: .sta13
        case .aa2, .aa3, .aa4, .aa5: .sta1
        case .aa6, .aa7, .aa8: .sta13
        }
    }
}
