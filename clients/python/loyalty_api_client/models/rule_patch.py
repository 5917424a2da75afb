from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.rule_patch_kind import RulePatchKind
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.budget import Budget
  from ..models.cap import Cap
  from ..models.rule_patch_budget_type_1_type_0 import RulePatchBudgetType1Type0
  from ..models.rule_patch_cap_type_1_type_0 import RulePatchCapType1Type0





T = TypeVar("T", bound="RulePatch")



@_attrs_define
class RulePatch:
    """ 
        Attributes:
            active (bool | Unset): true reactivates a deleted rule
            budget (Budget | None | RulePatchBudgetType1Type0 | Unset): Across all members: at most `points` per period. An
                award that would pass it gets what is left; once spent, the rule gives nothing until the next period (events
                list it in `skipped` as `budget_exhausted`; quotes and orders leave it out of `earn_breakdown`)
            cap (Cap | None | RulePatchCapType1Type0 | Unset): Per member: at most `count` awards per calendar period
            categories (list[str] | Unset):
            event_type (None | str | Unset): Event rules: the event type they answer
            expires_in_days (int | None | Unset): The rule's points burn this many days after they become available (instead
                of the program's expiry)
            kind (RulePatchKind | Unset): Fixed at creation; may be repeated unchanged
            min_order_amount (None | str | Unset): Purchase rules: smallest order amount Example: 149.90.
            multiplier (float | None | Unset): Purchase rules: the matching lines earn this multiple of the base rate (2 =
                double points; the rule adds the part above 1)
            name (None | str | Unset):
            points (int | None | Unset): Event rules: fixed points per event
            points_per_unit (float | None | Unset): Purchase rules: extra points per 1.00 paid for the matching lines
            reward_id (None | str | Unset): Event rules: grant this reward's coupon instead of points (no points spent;
                within the rule's cap)
            skus (list[str] | Unset):
            tiers (list[str] | None | Unset): Tier codes; absent or null = every member
            valid_from (datetime.datetime | None | Unset): First instant the rule applies
            valid_until (datetime.datetime | None | Unset): First instant it no longer applies
     """

    active: bool | Unset = UNSET
    budget: Budget | None | RulePatchBudgetType1Type0 | Unset = UNSET
    cap: Cap | None | RulePatchCapType1Type0 | Unset = UNSET
    categories: list[str] | Unset = UNSET
    event_type: None | str | Unset = UNSET
    expires_in_days: int | None | Unset = UNSET
    kind: RulePatchKind | Unset = UNSET
    min_order_amount: None | str | Unset = UNSET
    multiplier: float | None | Unset = UNSET
    name: None | str | Unset = UNSET
    points: int | None | Unset = UNSET
    points_per_unit: float | None | Unset = UNSET
    reward_id: None | str | Unset = UNSET
    skus: list[str] | Unset = UNSET
    tiers: list[str] | None | Unset = UNSET
    valid_from: datetime.datetime | None | Unset = UNSET
    valid_until: datetime.datetime | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.budget import Budget # noqa: PLC0415
        from ..models.cap import Cap # noqa: PLC0415
        from ..models.rule_patch_budget_type_1_type_0 import RulePatchBudgetType1Type0 # noqa: PLC0415
        from ..models.rule_patch_cap_type_1_type_0 import RulePatchCapType1Type0 # noqa: PLC0415
        active = self.active

        budget: dict[str, Any] | None | Unset
        if isinstance(self.budget, Unset):
            budget = UNSET
        elif isinstance(self.budget, Budget):
            budget = self.budget.to_dict()
        elif isinstance(self.budget, RulePatchBudgetType1Type0):
            budget = self.budget.to_dict()
        else:
            budget = self.budget

        cap: dict[str, Any] | None | Unset
        if isinstance(self.cap, Unset):
            cap = UNSET
        elif isinstance(self.cap, Cap):
            cap = self.cap.to_dict()
        elif isinstance(self.cap, RulePatchCapType1Type0):
            cap = self.cap.to_dict()
        else:
            cap = self.cap

        categories: list[str] | Unset = UNSET
        if not isinstance(self.categories, Unset):
            categories = self.categories



        event_type: None | str | Unset
        if isinstance(self.event_type, Unset):
            event_type = UNSET
        else:
            event_type = self.event_type

        expires_in_days: int | None | Unset
        if isinstance(self.expires_in_days, Unset):
            expires_in_days = UNSET
        else:
            expires_in_days = self.expires_in_days

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value


        min_order_amount: None | str | Unset
        if isinstance(self.min_order_amount, Unset):
            min_order_amount = UNSET
        else:
            min_order_amount = self.min_order_amount

        multiplier: float | None | Unset
        if isinstance(self.multiplier, Unset):
            multiplier = UNSET
        else:
            multiplier = self.multiplier

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        points: int | None | Unset
        if isinstance(self.points, Unset):
            points = UNSET
        else:
            points = self.points

        points_per_unit: float | None | Unset
        if isinstance(self.points_per_unit, Unset):
            points_per_unit = UNSET
        else:
            points_per_unit = self.points_per_unit

        reward_id: None | str | Unset
        if isinstance(self.reward_id, Unset):
            reward_id = UNSET
        else:
            reward_id = self.reward_id

        skus: list[str] | Unset = UNSET
        if not isinstance(self.skus, Unset):
            skus = self.skus



        tiers: list[str] | None | Unset
        if isinstance(self.tiers, Unset):
            tiers = UNSET
        elif isinstance(self.tiers, list):
            tiers = self.tiers


        else:
            tiers = self.tiers

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.datetime):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_until: None | str | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, datetime.datetime):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if active is not UNSET:
            field_dict["active"] = active
        if budget is not UNSET:
            field_dict["budget"] = budget
        if cap is not UNSET:
            field_dict["cap"] = cap
        if categories is not UNSET:
            field_dict["categories"] = categories
        if event_type is not UNSET:
            field_dict["event_type"] = event_type
        if expires_in_days is not UNSET:
            field_dict["expires_in_days"] = expires_in_days
        if kind is not UNSET:
            field_dict["kind"] = kind
        if min_order_amount is not UNSET:
            field_dict["min_order_amount"] = min_order_amount
        if multiplier is not UNSET:
            field_dict["multiplier"] = multiplier
        if name is not UNSET:
            field_dict["name"] = name
        if points is not UNSET:
            field_dict["points"] = points
        if points_per_unit is not UNSET:
            field_dict["points_per_unit"] = points_per_unit
        if reward_id is not UNSET:
            field_dict["reward_id"] = reward_id
        if skus is not UNSET:
            field_dict["skus"] = skus
        if tiers is not UNSET:
            field_dict["tiers"] = tiers
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.budget import Budget # noqa: PLC0415
        from ..models.cap import Cap # noqa: PLC0415
        from ..models.rule_patch_budget_type_1_type_0 import RulePatchBudgetType1Type0 # noqa: PLC0415
        from ..models.rule_patch_cap_type_1_type_0 import RulePatchCapType1Type0 # noqa: PLC0415
        d = dict(src_dict)
        active = d.pop("active", UNSET)

        def _parse_budget(data: object) -> Budget | None | RulePatchBudgetType1Type0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                budget_type_0 = Budget.from_dict(data)



                return budget_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                budget_type_1_type_0 = RulePatchBudgetType1Type0.from_dict(data)



                return budget_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Budget | None | RulePatchBudgetType1Type0 | Unset, data)

        budget = _parse_budget(d.pop("budget", UNSET))


        def _parse_cap(data: object) -> Cap | None | RulePatchCapType1Type0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                cap_type_0 = Cap.from_dict(data)



                return cap_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                cap_type_1_type_0 = RulePatchCapType1Type0.from_dict(data)



                return cap_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Cap | None | RulePatchCapType1Type0 | Unset, data)

        cap = _parse_cap(d.pop("cap", UNSET))


        categories = cast(list[str], d.pop("categories", UNSET))


        def _parse_event_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_type = _parse_event_type(d.pop("event_type", UNSET))


        def _parse_expires_in_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expires_in_days = _parse_expires_in_days(d.pop("expires_in_days", UNSET))


        _kind = d.pop("kind", UNSET)
        kind: RulePatchKind | Unset
        if isinstance(_kind,  Unset):
            kind = UNSET
        else:
            kind = RulePatchKind(_kind)




        def _parse_min_order_amount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        min_order_amount = _parse_min_order_amount(d.pop("min_order_amount", UNSET))


        def _parse_multiplier(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        multiplier = _parse_multiplier(d.pop("multiplier", UNSET))


        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        points = _parse_points(d.pop("points", UNSET))


        def _parse_points_per_unit(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        points_per_unit = _parse_points_per_unit(d.pop("points_per_unit", UNSET))


        def _parse_reward_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reward_id = _parse_reward_id(d.pop("reward_id", UNSET))


        skus = cast(list[str], d.pop("skus", UNSET))


        def _parse_tiers(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tiers_type_0 = cast(list[str], data)

                return tiers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tiers = _parse_tiers(d.pop("tiers", UNSET))


        def _parse_valid_from(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.datetime.fromisoformat(data)



                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))


        def _parse_valid_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.datetime.fromisoformat(data)



                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))


        rule_patch = cls(
            active=active,
            budget=budget,
            cap=cap,
            categories=categories,
            event_type=event_type,
            expires_in_days=expires_in_days,
            kind=kind,
            min_order_amount=min_order_amount,
            multiplier=multiplier,
            name=name,
            points=points,
            points_per_unit=points_per_unit,
            reward_id=reward_id,
            skus=skus,
            tiers=tiers,
            valid_from=valid_from,
            valid_until=valid_until,
        )

        return rule_patch

