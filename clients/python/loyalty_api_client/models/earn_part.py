from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.earn_part_source import EarnPartSource
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="EarnPart")



@_attrs_define
class EarnPart:
    """ 
        Attributes:
            points (int | Unset):
            rule_id (None | str | Unset):
            source (EarnPartSource | Unset):
     """

    points: int | Unset = UNSET
    rule_id: None | str | Unset = UNSET
    source: EarnPartSource | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        points = self.points

        rule_id: None | str | Unset
        if isinstance(self.rule_id, Unset):
            rule_id = UNSET
        else:
            rule_id = self.rule_id

        source: str | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if points is not UNSET:
            field_dict["points"] = points
        if rule_id is not UNSET:
            field_dict["rule_id"] = rule_id
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        points = d.pop("points", UNSET)

        def _parse_rule_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule_id = _parse_rule_id(d.pop("rule_id", UNSET))


        _source = d.pop("source", UNSET)
        source: EarnPartSource | Unset
        if isinstance(_source,  Unset):
            source = UNSET
        else:
            source = EarnPartSource(_source)




        earn_part = cls(
            points=points,
            rule_id=rule_id,
            source=source,
        )

        return earn_part

