"""The negotiation-cycle simulator and its Monte Carlo engine (see .team/PROCESS_API.md)."""

from detente.process.compiled import CompiledScenario, compile_scenario
from detente.process.drafting import DRAFTING_RULES
from detente.process.engine import chunk_rng, run_chunk, simulate
from detente.process.eventlog import EventKind, EventLog, OutcomeClass
from detente.process.parameters import ParameterSpace, parameter_space, sample_parameters
from detente.process.simulator import run_batch

__all__ = [
    "DRAFTING_RULES",
    "CompiledScenario",
    "EventKind",
    "EventLog",
    "OutcomeClass",
    "ParameterSpace",
    "chunk_rng",
    "compile_scenario",
    "parameter_space",
    "run_batch",
    "run_chunk",
    "sample_parameters",
    "simulate",
]
