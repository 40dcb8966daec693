# SPDX-License-Identifier: MIT

from attr import define, field, frozen
