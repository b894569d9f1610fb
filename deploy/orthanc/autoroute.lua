-- The PACS routing rule of the production topology: a study Orthanc receives from a modality is forwarded to the
-- gateway's listener once it is stable, StableAge seconds (ORTHANC__STABLE_AGE) after its last instance, as a whole:
-- one store job, one association, instead of an association per instance racing the gateway's completeness quiet
-- period. SEGs the gateway exports come back from the gateway's own AE and are not forwarded (the gateway would refuse
-- to route them anyway: StudyNotRouted DERIVED_OBJECT); a study that became stable again only because such a SEG
-- arrived is not forwarded a second time.
local GATEWAY_AET = 'SPA_GATEWAY'

function OnStableStudy(studyId, tags, metadata)
  local forwarded = {}
  local newestFromModality = ''
  local newestFromGateway = ''
  for _, instance in ipairs(ParseJson(RestApiGet('/studies/' .. studyId .. '/instances'))) do
    local instanceMetadata = ParseJson(RestApiGet('/instances/' .. instance['ID'] .. '/metadata?expand'))
    local received = instanceMetadata['ReceptionDate'] or ''
    if instanceMetadata['RemoteAET'] == GATEWAY_AET then
      if received > newestFromGateway then newestFromGateway = received end
    else
      table.insert(forwarded, instance['ID'])
      if received > newestFromModality then newestFromModality = received end
    end
  end
  if #forwarded == 0 or newestFromGateway > newestFromModality then
    return
  end
  RestApiPost('/modalities/spa/store', DumpJson({ Resources = forwarded, Synchronous = false }, true))
end
