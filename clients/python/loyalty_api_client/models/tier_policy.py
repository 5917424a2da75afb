from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.tier_policy_downgrade import TierPolicyDowngrade
from ..models.tier_policy_metric import TierPolicyMetric
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TierPolicy")



@_attrs_define
class TierPolicy:
    """ 
        Attributes:
            downgrade (TierPolicyDowngrade | Unset):
            metric (TierPolicyMetric | Unset):
            retention_months (int | Unset):
            window_months (int | None | Unset):
     """

    downgrade: TierPolicyDowngrade | Unset = UNSET
    metric: TierPolicyMetric | Unset = UNSET
    retention_months: int | Unset = UNSET
    window_months: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        downgrade: str | Unset = UNSET
        if not isinstance(self.downgrade, Unset):
            downgrade = self.downgrade.value


        metric: str | Unset = UNSET
        if not isinstance(self.metric, Unset):
            metric = self.metric.value


        retention_months = self.retention_months

        window_months: int | None | Unset
        if isinstance(self.window_months, Unset):
            window_months = UNSET
        else:
            window_months = self.window_months


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if downgrade is not UNSET:
            field_dict["downgrade"] = downgrade
        if metric is not UNSET:
            field_dict["metric"] = metric
        if retention_months is not UNSET:
            field_dict["retention_months"] = retention_months
        if window_months is not UNSET:
            field_dict["window_months"] = window_months

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _downgrade = d.pop("downgrade", UNSET)
        downgrade: TierPolicyDowngrade | Unset
        if isinstance(_downgrade,  Unset):
            downgrade = UNSET
        else:
            downgrade = TierPolicyDowngrade(_downgrade)




        _metric = d.pop("metric", UNSET)
        metric: TierPolicyMetric | Unset
        if isinstance(_metric,  Unset):
            metric = UNSET
        else:
            metric = TierPolicyMetric(_metric)




        retention_months = d.pop("retention_months", UNSET)

        def _parse_window_months(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        window_months = _parse_window_months(d.pop("window_months", UNSET))


        tier_policy = cls(
            downgrade=downgrade,
            metric=metric,
            retention_months=retention_months,
            window_months=window_months,
        )

        return tier_policy

