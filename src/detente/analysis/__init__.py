"""What-if interventions, sensitivity analysis and the assembled forecast summary.

Import the submodules directly (``detente.analysis.whatif`` ...): this package file
stays empty of imports so that importing one tool does not load the others.
"""
