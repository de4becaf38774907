"""The rule registry: an explicit tuple, in code order (no discovery by magic).

Adding a rule means adding its module and one line here. :mod:`perfdecl.rules` re-exports
``RULES`` and ``RULES_BY_CODE`` lazily, so that importing :mod:`perfdecl.rules.base` (the
configuration does, for :class:`~perfdecl.rules.base.RuleSettings`) does not import every rule
and the models: a run answered from the result cache never needs them.
"""

from __future__ import annotations

from perfdecl.rules.base import Rule
from perfdecl.rules.pd201_header import HeaderIncomplete
from perfdecl.rules.pd202_funds_sum import FundsDoNotAddUp
from perfdecl.rules.pd203_funds_negative import NegativeFunds
from perfdecl.rules.pd204_level1_unknown import Level1OutsideFramework
from perfdecl.rules.pd205_level2_unknown import Level2OutsideFramework
from perfdecl.rules.pd206_level2_misplaced import Level2UnderWrongLevel1
from perfdecl.rules.pd207_coverage import IncompleteCoverage
from perfdecl.rules.pd208_satisfaction_missing import SatisfactionMissing
from perfdecl.rules.pd209_empty_group import EmptyRow
from perfdecl.rules.pd210_target_incomplete import TargetIncomplete
from perfdecl.rules.pd211_quantity_without_number import QuantityWithoutNumber
from perfdecl.rules.pd212_percent_range import PercentOutOfRange
from perfdecl.rules.pd213_unit_value import UnitValueMismatch
from perfdecl.rules.pd214_quantitative_share import QuantitativeShareLow
from perfdecl.rules.pd215_vague import VagueWording
from perfdecl.rules.pd216_question import PhrasedAsQuestion
from perfdecl.rules.pd217_cost_unquantified import CostUnquantified
from perfdecl.rules.pd218_cost_exceeds_funds import CostExceedsFunds
from perfdecl.rules.pd219_timeliness_no_date import TimelinessWithoutDate
from perfdecl.rules.pd220_date_outside_year import DateOutsideYear
from perfdecl.rules.pd221_repeated_sentence import RepeatedSentence
from perfdecl.rules.pd222_satisfaction_threshold import SatisfactionWithoutThreshold
from perfdecl.rules.pd223_satisfaction_relative import SatisfactionOnlyRelative
from perfdecl.rules.pd224_year_mismatch import YearMismatch
from perfdecl.rules.pd225_goal_uncovered import GoalWithoutIndicators
from perfdecl.rules.pd226_goal_reference import GoalReferenceMissing
from perfdecl.rules.pd227_output_without_goal import OutputWithoutGoal
from perfdecl.rules.pd228_quality_misfiled import QualityWordedAsOutcome
from perfdecl.rules.pd229_benefit_counts_activities import BenefitCountsActivities
from perfdecl.rules.pd230_satisfaction_as_benefit import SatisfactionAsBenefit
from perfdecl.rules.pd231_placeholder import Placeholder
from perfdecl.rules.pd232_same_value import SameValueEverywhere
from perfdecl.rules.pd233_item_number_inside import ItemNumberInsideSentence
from perfdecl.rules.pd234_numbering import NumberingBroken
from perfdecl.rules.pd235_weights import WeightsDoNotSum
from perfdecl.rules.pd236_duplicate_id import DuplicateId
from perfdecl.rules.pd237_text_too_long import TextTooLong
from perfdecl.rules.pd238_money_sum import MoneyDoesNotAddUp
from perfdecl.rules.pd239_transfer_shares import TransferSharesDoNotAddUp
from perfdecl.rules.pd240_weights_total import RowWeightsOffTotal
from perfdecl.rules.pd241_points_sum import PointsDoNotAddUp
from perfdecl.rules.pd242_direction_comparison import DirectionContradictsComparison
from perfdecl.rules.pd243_money_in_quantity import MoneyInQuantity
from perfdecl.rules.pd244_unspecific_standard import UnspecificStandard
from perfdecl.rules.pd245_complaints_as_satisfaction import ComplaintsAsSatisfaction
from perfdecl.rules.pd246_percent_without_rate import PercentWithoutRate
from perfdecl.rules.pd247_text_target_mismatch import TextContradictsTarget
from perfdecl.rules.pd248_target_below_previous import TargetBelowPrevious
from perfdecl.rules.pd260_score_above_points import ScoreAbovePoints
from perfdecl.rules.pd261_scores_sum import ScoresDoNotAddUp
from perfdecl.rules.pd262_execution_rate import ExecutionRateMismatch
from perfdecl.rules.pd263_missed_without_reason import MissedWithoutReason
from perfdecl.rules.pd264_full_score_missed import FullScoreOnMissed
from perfdecl.rules.pd265_satisfaction_without_survey import SatisfactionWithoutSurvey
from perfdecl.rules.pd266_rate_under_quantity import RateUnderQuantity
from perfdecl.rules.pd267_satisfaction_unrealistic import SatisfactionUnrealistic
from perfdecl.rules.pd268_blank_header_field import BlankHeaderField
from perfdecl.rules.pd269_vague_goal import VagueGoal
from perfdecl.rules.pd270_goal_without_indicator import GoalWithoutIndicator
from perfdecl.rules.pd271_income_equals_output_value import IncomeEqualsOutputValue

RULES: tuple[type[Rule], ...] = (
    HeaderIncomplete,
    FundsDoNotAddUp,
    NegativeFunds,
    Level1OutsideFramework,
    Level2OutsideFramework,
    Level2UnderWrongLevel1,
    IncompleteCoverage,
    SatisfactionMissing,
    EmptyRow,
    TargetIncomplete,
    QuantityWithoutNumber,
    PercentOutOfRange,
    UnitValueMismatch,
    QuantitativeShareLow,
    VagueWording,
    PhrasedAsQuestion,
    CostUnquantified,
    CostExceedsFunds,
    TimelinessWithoutDate,
    DateOutsideYear,
    RepeatedSentence,
    SatisfactionWithoutThreshold,
    SatisfactionOnlyRelative,
    YearMismatch,
    GoalWithoutIndicators,
    GoalReferenceMissing,
    OutputWithoutGoal,
    QualityWordedAsOutcome,
    BenefitCountsActivities,
    SatisfactionAsBenefit,
    Placeholder,
    SameValueEverywhere,
    ItemNumberInsideSentence,
    NumberingBroken,
    WeightsDoNotSum,
    DuplicateId,
    TextTooLong,
    MoneyDoesNotAddUp,
    TransferSharesDoNotAddUp,
    RowWeightsOffTotal,
    PointsDoNotAddUp,
    DirectionContradictsComparison,
    MoneyInQuantity,
    UnspecificStandard,
    ComplaintsAsSatisfaction,
    PercentWithoutRate,
    TextContradictsTarget,
    TargetBelowPrevious,
    ScoreAbovePoints,
    ScoresDoNotAddUp,
    ExecutionRateMismatch,
    MissedWithoutReason,
    FullScoreOnMissed,
    SatisfactionWithoutSurvey,
    RateUnderQuantity,
    SatisfactionUnrealistic,
    BlankHeaderField,
    VagueGoal,
    GoalWithoutIndicator,
    IncomeEqualsOutputValue,
)

RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}
