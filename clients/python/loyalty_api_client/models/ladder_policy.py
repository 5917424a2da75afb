from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.ladder_policy_downgrade import LadderPolicyDowngrade
from ..models.ladder_policy_metric import LadderPolicyMetric
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="LadderPolicy")



@_attrs_define
class LadderPolicy:
    """ 
        Attributes:
            metric (LadderPolicyMetric):
            downgrade (LadderPolicyDowngrade | Unset):  Default: LadderPolicyDowngrade.ONE_LEVEL.
            retention_months (int | Unset):  Default: 12.
            window_months (int | None | Unset): Rolling window; null = lifetime
     """

    metric: LadderPolicyMetric
    downgrade: LadderPolicyDowngrade | Unset = LadderPolicyDowngrade.ONE_LEVEL
    retention_months: int | Unset = 12
    window_months: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        metric = self.metric.value

        downgrade: str | Unset = UNSET
        if not isinstance(self.downgrade, Unset):
            downgrade = self.downgrade.value


        retention_months = self.retention_months

        window_months: int | None | Unset
        if isinstance(self.window_months, Unset):
            window_months = UNSET
        else:
            window_months = self.window_months


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "metric": metric,
        })
        if downgrade is not UNSET:
            field_dict["downgrade"] = downgrade
        if retention_months is not UNSET:
            field_dict["retention_months"] = retention_months
        if window_months is not UNSET:
            field_dict["window_months"] = window_months

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        metric = LadderPolicyMetric(d.pop("metric"))




        _downgrade = d.pop("downgrade", UNSET)
        downgrade: LadderPolicyDowngrade | Unset
        if isinstance(_downgrade,  Unset):
            downgrade = UNSET
        else:
            downgrade = LadderPolicyDowngrade(_downgrade)




        retention_months = d.pop("retention_months", UNSET)

        def _parse_window_months(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        window_months = _parse_window_months(d.pop("window_months", UNSET))


        ladder_policy = cls(
            metric=metric,
            downgrade=downgrade,
            retention_months=retention_months,
            window_months=window_months,
        )

        return ladder_policy

